import { Alert, Badge, Button, Card, Group, Loader, Stack, Table, Text, Title } from '@mantine/core'
import { IconPlayerPlay } from '@tabler/icons-react'
import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import type { Schemas } from '../../api/client'
import { formatDateTime } from '../../lib/format'
import { notifyError } from '../../lib/notify'
import { useRuns, useVerifyQuestion, type QuestionAuthorView, type Run } from '../../queries/questions'

type CaseVerdict = Schemas['CaseVerdict']

const VERDICT_LABELS: Record<string, string> = {
  accepted: 'Accepted',
  wrong_answer: 'Wrong answer',
  time_limit_exceeded: 'Time limit exceeded',
  memory_limit_exceeded: 'Memory limit exceeded',
  runtime_error: 'Runtime error',
  compilation_error: 'Compilation error',
  output_limit_exceeded: 'Output limit exceeded',
  internal_error: 'Internal error',
}

export function VerdictBadge({ verdict }: { verdict: string | null | undefined }) {
  if (!verdict)
    return (
      <Badge variant="light" color="gray">
        Pending
      </Badge>
    )
  return (
    <Badge variant="light" color={verdict === 'accepted' ? 'green' : 'red'}>
      {VERDICT_LABELS[verdict] ?? verdict}
    </Badge>
  )
}

function CaseTable({ label, rows }: { label: string; rows: CaseVerdict[] }) {
  return (
    <Table aria-label={label} verticalSpacing={4} fz="sm">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Case</Table.Th>
          <Table.Th>Verdict</Table.Th>
          <Table.Th>Time</Table.Th>
          <Table.Th>Memory</Table.Th>
          <Table.Th>Details</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={`${r.language}-${r.case_index}`}>
            <Table.Td>{r.case_index + 1}</Table.Td>
            <Table.Td>
              <VerdictBadge verdict={r.verdict} />
            </Table.Td>
            <Table.Td>{r.time_ms != null ? `${r.time_ms} ms` : '—'}</Table.Td>
            <Table.Td>{r.memory_kb != null ? `${Math.round(r.memory_kb / 1024)} MB` : '—'}</Table.Td>
            <Table.Td>
              {r.message && (
                <Text size="xs" ff="monospace" style={{ whiteSpace: 'pre-wrap' }} lineClamp={6}>
                  {r.message}
                </Text>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}

/** The cases of the live runs, per language, in the stored verification's shape. */
function liveVerdicts(runs: Run[], cases: number): Map<string, { run: Run[]; rows: CaseVerdict[] }> {
  const byLanguage = new Map<string, { run: Run[]; rows: CaseVerdict[] }>()
  for (const run of runs) {
    const entry = byLanguage.get(run.language) ?? { run: [], rows: [] }
    entry.run.push(run)
    for (const c of run.cases)
      entry.rows.push({
        language: run.language,
        case_index: Number(c.name ?? c.index),
        verdict: c.verdict,
        time_ms: c.time_ms,
        memory_kb: c.memory_kb,
        message: run.verdict === 'compilation_error' ? run.compile_output : c.message,
      })
    byLanguage.set(run.language, entry)
  }
  // Cases not reported yet show as pending, so the table does not jump as results arrive.
  for (const entry of byLanguage.values()) {
    const seen = new Set(entry.rows.map((r) => r.case_index))
    for (let i = 0; i < cases; i++)
      if (!seen.has(i))
        entry.rows.push({
          language: entry.run[0].language,
          case_index: i,
          verdict: '',
          time_ms: null,
          memory_kb: null,
        })
    entry.rows.sort((a, b) => a.case_index - b.case_index)
  }
  return byLanguage
}

/** Verify: run every reference solution on every case in the sandbox, with each verdict as it arrives (the live
 * stream refreshes the runs), then the verification the server stored. */
export function VerifyPanel({ question, dirty }: { question: QuestionAuthorView; dirty: boolean }) {
  const qc = useQueryClient()
  const verify = useVerifyQuestion()
  const [runIds, setRunIds] = useState<string[]>([])
  const runs = useRuns(runIds)
  const loaded = runs.map((r) => r.data).filter((r): r is Run => !!r)
  const finished =
    runIds.length > 0 && loaded.length === runIds.length && loaded.every((r) => r.status === 'finished')
  const cases = question.content.coding?.test_cases.length ?? 0
  const stored = question.content.verification

  useEffect(() => {
    if (!finished) return
    // The server stores the verification when the last run ends: read the question again to show it (and whether
    // it can be enabled now); once more shortly after, in case the store lands just after the last event.
    void qc.invalidateQueries({ queryKey: ['questions'] })
    const again = setTimeout(() => void qc.invalidateQueries({ queryKey: ['questions'] }), 1500)
    return () => clearTimeout(again)
  }, [finished, qc])

  const start = () =>
    verify.mutate(question.id, {
      onSuccess: (started) => setRunIds(started.run_ids.map(String)),
      onError: notifyError,
    })

  const live = liveVerdicts(loaded, cases)
  const storedByLanguage = new Map<string, CaseVerdict[]>()
  for (const r of stored?.results ?? [])
    storedByLanguage.set(r.language, [...(storedByLanguage.get(r.language) ?? []), r])

  return (
    <Card withBorder padding="md" data-testid="verify-panel">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">
          Verification
        </Title>
        <Button
          leftSection={<IconPlayerPlay size={16} />}
          onClick={start}
          loading={verify.isPending || (runIds.length > 0 && !finished)}
          disabled={dirty}
        >
          Verify
        </Button>
      </Group>
      {dirty && (
        <Text size="sm" c="dimmed" mb="xs">
          Save your changes first: Verify runs the saved version.
        </Text>
      )}
      {stored && stored.status !== 'unverified' && (runIds.length === 0 || finished) && (
        <Alert
          mb="sm"
          color={stored.status === 'passed' ? 'green' : 'red'}
          title={stored.status === 'passed' ? 'Every reference solution passed' : 'Verification failed'}
        >
          {stored.verified_at && `Verified ${formatDateTime(stored.verified_at)}. `}
          {stored.status === 'failed' &&
            'A reference solution failed a case: fix the solution or the case, save, and verify again.'}
        </Alert>
      )}
      {runIds.length > 0 ? (
        <Stack gap="sm" aria-live="polite">
          {[...live.entries()].map(([language, entry]) => {
            const passed = entry.run.reduce((n, r) => n + r.passed, 0)
            const done = entry.run.every((r) => r.status === 'finished')
            return (
              <Stack key={language} gap={4}>
                <Group gap="xs">
                  <Text fw={600}>{language}</Text>
                  {done ? (
                    <VerdictBadge
                      verdict={entry.run.find((r) => r.verdict !== 'accepted')?.verdict ?? 'accepted'}
                    />
                  ) : (
                    <Loader size="xs" aria-label={`${language} running`} />
                  )}
                  <Text size="sm" c="dimmed">
                    {passed} / {cases} passed
                  </Text>
                </Group>
                <CaseTable label={`Verification of ${language}`} rows={entry.rows} />
              </Stack>
            )
          })}
          {loaded.length < runIds.length && <Loader size="sm" aria-label="Starting" />}
        </Stack>
      ) : stored && stored.status !== 'unverified' ? (
        <Stack gap="sm">
          {[...storedByLanguage.entries()].map(([language, rows]) => (
            <Stack key={language} gap={4}>
              <Text fw={600}>{language}</Text>
              <CaseTable label={`Stored verification of ${language}`} rows={rows} />
            </Stack>
          ))}
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          Not verified yet. Verify runs each reference solution on every test case in the sandbox; a coding
          question can be enabled once all of them pass.
        </Text>
      )}
    </Card>
  )
}
