import { Anchor, Group, Progress, Select, Stack, Table, Text } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { Link } from 'react-router'
import { api } from '../../api/client'
import { PageHeader } from '../../components/PageHeader'
import { QueryView } from '../../components/QueryView'
import { EmptyState } from '../../components/states'
import { formatRelative } from '../../lib/format'
import { unwrap } from '../../lib/problem'
import { useLiveSessions } from '../../queries/proctoring'
import { formatSeconds } from './labels'
import { TierBadge } from '../../components/integrity/TierBadge'

/** Ticks every second so "time left" counts down between refreshes. */
function useNow() {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(t)
  }, [])
  return now
}

export function LiveMonitorPage() {
  const [assessment, setAssessment] = useState<string | null>(null)
  const live = useLiveSessions(assessment)
  const assessments = useQuery({
    queryKey: ['assessments', 'names'],
    queryFn: async () => unwrap(await api.GET('/api/v1/assessments', { params: { query: { limit: 100 } } })),
  })
  const now = useNow()
  const fetchedAt = live.dataUpdatedAt || now
  const rows = live.data ?? []

  return (
    <>
      <PageHeader
        title="Live monitor"
        description="Tests in progress: time left, progress and what proctoring noticed, as it happens."
        actions={
          <Select
            aria-label="Filter by assessment"
            placeholder="All assessments"
            clearable
            value={assessment}
            onChange={setAssessment}
            data={(assessments.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))}
            w={260}
          />
        }
      />
      <QueryView
        query={live}
        isEmpty={rows.length === 0}
        empty={
          <EmptyState title="No test in progress">
            Candidates appear here as soon as they start a test.
          </EmptyState>
        }
      >
        <Table.ScrollContainer minWidth={820}>
          <Table verticalSpacing="sm" striped aria-label="Tests in progress">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Candidate</Table.Th>
                <Table.Th>Assessment</Table.Th>
                <Table.Th>Time left</Table.Th>
                <Table.Th>Progress</Table.Th>
                <Table.Th>Integrity</Table.Th>
                <Table.Th>Events</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((s) => {
                const left = Math.max(0, s.remaining_seconds - Math.floor((now - fetchedAt) / 1000))
                const pct = s.question_count ? Math.round((100 * s.answered) / s.question_count) : 0
                return (
                  <Table.Tr key={s.session_id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/integrity/sessions/${s.session_id}`}>
                        {s.candidate_name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{s.assessment_name}</Table.Td>
                    <Table.Td>
                      <Text size="sm" c={left < 300 ? 'red.8' : undefined} ff="monospace">
                        {formatSeconds(left)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={2}>
                        <Text size="xs">
                          {s.answered} of {s.question_count} answered
                        </Text>
                        <Progress value={pct} size="sm" aria-label={`${pct}% answered`} />
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      <TierBadge tier={s.tier} />
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6}>
                        <Text size="sm">{s.events}</Text>
                        {s.flagged > 0 && (
                          <Text size="xs" c="red.9">
                            {s.flagged} flagged
                          </Text>
                        )}
                        {s.last_event_at && (
                          <Text size="xs" c="dimmed">
                            last {formatRelative(s.last_event_at)}
                          </Text>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                )
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </QueryView>
    </>
  )
}
