import {
  ActionIcon,
  Button,
  Card,
  Group,
  Loader,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Tabs,
  Text,
  Textarea,
  Title,
  VisuallyHidden,
} from '@mantine/core'
import type { UseFormReturnType } from '@mantine/form'
import { IconPlus, IconTrash } from '@tabler/icons-react'
import { lazy, Suspense, useState } from 'react'
import { useLanguages } from '../../queries/languages'
import type { QuestionValues } from './questionForm'

// CodeMirror is the heaviest library of the app: it loads when a coding question is opened.
const CodeEditor = lazy(() => import('../../components/content/CodeEditor'))

const COMPARISONS = [
  { value: 'exact', label: 'Exact, byte for byte' },
  { value: 'trailing_whitespace', label: 'Ignore trailing whitespace' },
  { value: 'tokens', label: 'Token by token' },
  { value: 'float', label: 'Numbers within a tolerance' },
]

const PARTS = [
  {
    key: 'reference',
    label: 'Reference solution',
    hint: 'A correct solution: Verify runs it on every case.',
  },
  { key: 'starter', label: 'Starter code', hint: "What the candidate's editor starts with." },
  {
    key: 'harness',
    label: 'Harness',
    hint: "Runs with the candidate's code in the same program: a line {{code}} is replaced by it, otherwise the harness is appended after it.",
  },
] as const

type Form = UseFormReturnType<QuestionValues>

export function CodingFields({ form }: { form: Form }) {
  const languages = useLanguages()
  const values = form.getValues().coding
  const keys = Object.keys(values.languages)
  const [active, setActive] = useState<string | null>(keys[0] ?? null)
  const [part, setPart] = useState<string | null>('reference')
  const usable = (languages.data?.items ?? []).filter((l) => l.enabled && l.available)
  const modeOf = (key: string) => languages.data?.items.find((l) => l.key === key)?.codemirror_mode ?? key
  const nameOf = (key: string) => languages.data?.items.find((l) => l.key === key)?.name ?? key
  const current = active && keys.includes(active) ? active : (keys[0] ?? null)

  const addLanguage = (key: string | null) => {
    if (!key) return
    form.setFieldValue(`coding.languages.${key}`, { starter: '', harness: '', reference: '' })
    setActive(key)
  }
  const removeLanguage = (key: string) => {
    const rest = Object.fromEntries(
      Object.entries(form.getValues().coding.languages).filter(([k]) => k !== key),
    )
    form.setFieldValue('coding.languages', rest)
    setActive(Object.keys(rest)[0] ?? null)
  }
  const langError = form.errors['coding.languages']
  const casesError = form.errors['coding.test_cases']

  return (
    <Stack gap="lg">
      <Card withBorder padding="md">
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h4">
            Languages and code
          </Title>
          <Select
            aria-label="Add a language"
            placeholder="Add a language…"
            data={usable.filter((l) => !keys.includes(l.key)).map((l) => ({ value: l.key, label: l.name }))}
            value={null}
            onChange={addLanguage}
            w={220}
          />
        </Group>
        {langError && (
          <Text c="red" size="sm" role="alert" mb="xs">
            {langError}
          </Text>
        )}
        {keys.length === 0 ? (
          <Text size="sm" c="dimmed">
            Add at least one language with a reference solution.
          </Text>
        ) : (
          <Tabs value={current} onChange={setActive} keepMounted={false}>
            <Tabs.List aria-label="Languages">
              {keys.map((k) => (
                <Tabs.Tab
                  key={k}
                  value={k}
                  c={form.errors[`coding.languages.${k}.reference`] ? 'red' : undefined}
                >
                  {nameOf(k)}
                </Tabs.Tab>
              ))}
            </Tabs.List>
            {keys.map((k) => (
              <Tabs.Panel key={k} value={k} pt="sm">
                <Group justify="space-between" mb="xs">
                  <Tabs value={part} onChange={setPart} variant="pills">
                    <Tabs.List aria-label={`${nameOf(k)} code`}>
                      {PARTS.map((p) => (
                        <Tabs.Tab key={p.key} value={p.key}>
                          {p.label}
                        </Tabs.Tab>
                      ))}
                    </Tabs.List>
                  </Tabs>
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    leftSection={<IconTrash size={14} />}
                    onClick={() => removeLanguage(k)}
                  >
                    Remove {nameOf(k)}
                  </Button>
                </Group>
                {PARTS.filter((p) => p.key === part).map((p) => {
                  const path = `coding.languages.${k}.${p.key}`
                  const error = form.errors[path]
                  return (
                    <Stack key={p.key} gap={4}>
                      <Text size="xs" c="dimmed">
                        {p.hint}
                      </Text>
                      <Card
                        withBorder
                        padding={0}
                        style={error ? { borderColor: 'var(--mantine-color-red-6)' } : {}}
                      >
                        <Suspense fallback={<Loader size="sm" m="md" />}>
                          <CodeEditor
                            key={path}
                            label={`${p.label} (${nameOf(k)})`}
                            mode={modeOf(k)}
                            value={form.getValues().coding.languages[k]?.[p.key] ?? ''}
                            onChange={(v) => form.setFieldValue(path, v)}
                            minHeight="200px"
                          />
                        </Suspense>
                      </Card>
                      {error && (
                        <Text c="red" size="sm" role="alert">
                          {error}
                        </Text>
                      )}
                    </Stack>
                  )
                })}
              </Tabs.Panel>
            ))}
          </Tabs>
        )}
      </Card>

      <Card withBorder padding="md">
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h4">
            Test cases
          </Title>
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} />}
            onClick={() =>
              form.insertListItem('coding.test_cases', {
                stdin: '',
                expected_stdout: '',
                visible: false,
                weight: 1,
              })
            }
          >
            Add a case
          </Button>
        </Group>
        {casesError && (
          <Text c="red" size="sm" role="alert" mb="xs">
            {casesError}
          </Text>
        )}
        <Table.ScrollContainer minWidth={700}>
          <Table aria-label="Test cases" verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={40}>#</Table.Th>
                <Table.Th>Input (stdin)</Table.Th>
                <Table.Th>Expected output</Table.Th>
                <Table.Th w={90}>Visible</Table.Th>
                <Table.Th w={90}>Weight</Table.Th>
                <Table.Th w={40}>
                  <VisuallyHidden>Remove</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {values.test_cases.map((_, i) => (
                <Table.Tr key={form.key(`coding.test_cases.${i}`)}>
                  <Table.Td>{i + 1}</Table.Td>
                  <Table.Td>
                    <Textarea
                      aria-label={`Case ${i + 1} input`}
                      autosize
                      minRows={2}
                      maxRows={8}
                      styles={{ input: { fontFamily: 'monospace' } }}
                      {...form.getInputProps(`coding.test_cases.${i}.stdin`)}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Textarea
                      aria-label={`Case ${i + 1} expected output`}
                      autosize
                      minRows={2}
                      maxRows={8}
                      styles={{ input: { fontFamily: 'monospace' } }}
                      {...form.getInputProps(`coding.test_cases.${i}.expected_stdout`)}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Switch
                      aria-label={`Case ${i + 1} visible to candidates`}
                      {...form.getInputProps(`coding.test_cases.${i}.visible`, { type: 'checkbox' })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <NumberInput
                      aria-label={`Case ${i + 1} weight`}
                      min={1}
                      max={100}
                      {...form.getInputProps(`coding.test_cases.${i}.weight`)}
                    />
                  </Table.Td>
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`Remove case ${i + 1}`}
                      disabled={values.test_cases.length === 1}
                      onClick={() => form.removeListItem('coding.test_cases', i)}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Text size="xs" c="dimmed" mt="xs">
          Visible cases are shown to candidates as examples; hidden ones only count for the score.
        </Text>
      </Card>

      <Card withBorder padding="md">
        <Title order={2} size="h4" mb="xs">
          Limits and checking
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
          <NumberInput
            label="Time limit per case (ms)"
            min={100}
            max={20000}
            step={100}
            key={form.key('coding.time_limit_ms')}
            {...form.getInputProps('coding.time_limit_ms')}
          />
          <NumberInput
            label="Memory limit (MB)"
            min={16}
            max={2048}
            key={form.key('coding.memory_limit_mb')}
            {...form.getInputProps('coding.memory_limit_mb')}
          />
          <Select
            label="Output comparison"
            data={COMPARISONS}
            allowDeselect={false}
            key={form.key('coding.comparison')}
            {...form.getInputProps('coding.comparison')}
          />
          {form.getValues().coding.comparison === 'float' && (
            <NumberInput
              label="Float tolerance"
              min={0}
              max={1}
              step={0.000001}
              decimalScale={9}
              key={form.key('coding.float_tolerance')}
              {...form.getInputProps('coding.float_tolerance')}
            />
          )}
        </SimpleGrid>
      </Card>
    </Stack>
  )
}
