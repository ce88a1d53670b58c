import { Alert, Badge, Box, Button, Group, Loader, Select, Skeleton, Stack, Table, Text } from '@mantine/core'
import { IconPlayerPlay } from '@tabler/icons-react'
import { lazy, Suspense, useEffect, useRef, useState } from 'react'
import { ApiError } from '../../../lib/problem'
import { api, type PlayerQuestion, type PlayerRun } from '../playerApi'
import type { Answer } from '../saveQueue'
import { languageLabel } from '../languages'
import classes from '../player.module.css'

// CodeMirror is the heaviest library of the app: it loads when a coding question first shows, never before.
const CodeEditor = lazy(() => import('../../../components/content/CodeEditor'))

/** The editor's highlighting for a language key. */
function modeOf(key: string): string {
  if (key.startsWith('python')) return 'python'
  if (key.startsWith('javascript') || key.startsWith('node') || key.startsWith('typescript'))
    return 'javascript'
  if (key.startsWith('java')) return 'java'
  if (key.startsWith('cpp') || key === 'c') return 'cpp'
  return key
}

const VERDICTS: Record<string, { label: string; color: string }> = {
  accepted: { label: 'Passed', color: 'green' },
  wrong_answer: { label: 'Wrong answer', color: 'red' },
  time_limit_exceeded: { label: 'Time limit exceeded', color: 'orange' },
  memory_limit_exceeded: { label: 'Memory limit exceeded', color: 'orange' },
  runtime_error: { label: 'Runtime error', color: 'red' },
  compilation_error: { label: 'Compilation error', color: 'red' },
  output_limit_exceeded: { label: 'Output limit exceeded', color: 'orange' },
  internal_error: { label: 'Could not run (not your fault)', color: 'gray' },
}

const verdictOf = (v: string | null | undefined) => (v ? (VERDICTS[v] ?? { label: v, color: 'gray' }) : null)

/** A coding answer: the language picker (the languages this question allows), the editor with the starter code,
 * and "Run visible tests" with a verdict per example. Each language keeps its own code; the one on screen is the
 * answer's `language`. */
export default function CodingAnswer({
  question,
  answer,
  onChange,
  disabled,
}: {
  question: PlayerQuestion
  answer: Answer | null
  onChange: (answer: Answer | null, immediate: boolean) => void
  disabled: boolean
}) {
  const coding = question.question.coding
  const languages = question.languages.length ? question.languages : Object.keys(coding?.languages ?? {})
  const code = answer?.type === 'code' ? answer : null
  const language = code?.language && languages.includes(code.language) ? code.language : languages[0]
  const starter = (lang: string) => coding?.languages[lang]?.starter ?? ''
  const source = code?.sources[language] ?? starter(language)

  const setSource = (value: string) =>
    onChange({ type: 'code', language, sources: { ...(code?.sources ?? {}), [language]: value } }, false)
  const pickLanguage = (lang: string | null) => {
    if (!lang) return
    const sources = { ...(code?.sources ?? {}) }
    // Keep what was written in the language we leave; start the new one from its starter code.
    if (!(language in sources) && source) sources[language] = source
    if (!(lang in sources)) sources[lang] = starter(lang)
    onChange({ type: 'code', language: lang, sources }, true)
  }

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Select
          label="Language"
          data={languages.map((l) => ({ value: l, label: languageLabel(l) }))}
          value={language}
          onChange={pickLanguage}
          allowDeselect={false}
          disabled={disabled || languages.length < 2}
          w={240}
          comboboxProps={{ withinPortal: true }}
        />
        {coding && (
          <Text size="xs" c="dimmed">
            Limits per run: {coding.time_limit_ms / 1000} s, {coding.memory_limit_mb} MB
          </Text>
        )}
      </Group>
      <Box style={{ border: '1px solid var(--mantine-color-gray-4)', borderRadius: 8, overflow: 'hidden' }}>
        <Suspense fallback={<Skeleton height={320} aria-label="Loading the code editor" />}>
          <CodeEditor
            value={source}
            onChange={setSource}
            mode={modeOf(language)}
            label={`Your code in ${languageLabel(language)}`}
            readOnly={disabled}
            minHeight="320px"
            maxHeight="560px"
          />
        </Suspense>
      </Box>
      <Text size="xs" c="dimmed">
        Tab leaves the editor; indent with Ctrl + ] and outdent with Ctrl + [.
      </Text>
      <RunVisibleTests position={question.position} language={language} source={source} disabled={disabled} />
    </Stack>
  )
}

function RunVisibleTests({
  position,
  language,
  source,
  disabled,
}: {
  position: number
  language: string
  source: string
  disabled: boolean
}) {
  const [run, setRun] = useState<PlayerRun | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [waitUntil, setWaitUntil] = useState<number | null>(null)
  const [now, setNow] = useState(() => Date.now())
  const [busy, setBusy] = useState(false)
  const alive = useRef(true)
  useEffect(() => {
    alive.current = true
    return () => {
      alive.current = false
    }
  }, [])
  // The rate limit's countdown.
  useEffect(() => {
    if (waitUntil === null) return
    const id = setInterval(() => {
      setNow(Date.now())
      if (Date.now() >= waitUntil) setWaitUntil(null)
    }, 1000)
    return () => clearInterval(id)
  }, [waitUntil])

  const start = async () => {
    setError(null)
    setBusy(true)
    try {
      let r = await api.run(position, { language, source })
      setRun(r)
      // Runs take a second or two: ask again until the verdicts are in.
      while (r.status !== 'finished' && alive.current) {
        await new Promise((resolve) => setTimeout(resolve, 1000))
        r = await api.runResult(r.id)
        if (alive.current) setRun(r)
      }
    } catch (e) {
      if (e instanceof ApiError && e.status === 429) {
        setWaitUntil(Date.now() + (e.retryAfter ?? 20) * 1000)
        setNow(Date.now())
        setError(`${e.message} Your code is saved; run the tests again in a moment.`)
      } else if (e instanceof ApiError) setError(e.message)
      else setError('You seem to be offline: the tests run on our servers. Your code is kept on this device.')
    } finally {
      if (alive.current) setBusy(false)
    }
  }
  const wait = waitUntil ? Math.max(0, Math.ceil((waitUntil - now) / 1000)) : 0
  const verdict = verdictOf(run?.verdict)

  return (
    <Stack gap="sm">
      <Group gap="sm">
        <Button
          leftSection={<IconPlayerPlay size={16} aria-hidden />}
          variant="light"
          onClick={() => void start()}
          loading={busy}
          disabled={disabled || !source.trim() || wait > 0}
        >
          Run visible tests
        </Button>
        <Text size="sm" c="dimmed">
          {wait > 0
            ? `You can run the tests again in ${wait} s.`
            : 'Runs your code on the examples. Hidden tests are graded after you submit.'}
        </Text>
      </Group>
      <div role="status" aria-live="polite" aria-atomic="true">
        {error && (
          <Alert color="orange" variant="light" title="The tests did not run">
            {error}
          </Alert>
        )}
        {run && run.status !== 'finished' && (
          <Group gap="xs">
            <Loader size="xs" aria-hidden />
            <Text size="sm">{run.status === 'queued' ? 'Waiting for a sandbox…' : 'Running your code…'}</Text>
          </Group>
        )}
        {run && run.status === 'finished' && (
          <Text size="sm" fw={600}>
            {run.passed} of {run.total} examples passed
            {verdict && run.passed < run.total ? ` · ${verdict.label}` : ''}
          </Text>
        )}
      </div>
      {run?.status === 'finished' && run.compile_output && (
        <Box>
          <Text size="sm" fw={600}>
            Compiler output
          </Text>
          <pre className={classes.pre}>{run.compile_output}</pre>
        </Box>
      )}
      {run?.status === 'finished' && run.cases.length > 0 && (
        <Table withTableBorder verticalSpacing="xs" aria-label="Results on the examples">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Example</Table.Th>
              <Table.Th>Result</Table.Th>
              <Table.Th>Input</Table.Th>
              <Table.Th>Expected</Table.Th>
              <Table.Th>Your output</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {run.cases.map((c) => {
              const v = verdictOf(c.verdict)
              return (
                <Table.Tr key={c.index}>
                  <Table.Td>{c.index + 1}</Table.Td>
                  <Table.Td>
                    {v && (
                      <Badge color={v.color} variant="light">
                        {v.label}
                      </Badge>
                    )}
                    {c.time_ms != null && (
                      <Text size="xs" c="dimmed" mt={4}>
                        {c.time_ms} ms
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <pre className={classes.pre}>{c.stdin}</pre>
                  </Table.Td>
                  <Table.Td>
                    <pre className={classes.pre}>{c.expected_stdout}</pre>
                  </Table.Td>
                  <Table.Td>
                    <pre className={classes.pre}>{c.stdout || c.stderr || c.message || '(no output)'}</pre>
                  </Table.Td>
                </Table.Tr>
              )
            })}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  )
}
