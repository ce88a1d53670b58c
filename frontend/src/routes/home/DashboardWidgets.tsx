import { Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core'
import { useState } from 'react'
import { Link } from 'react-router'
import { QueryView } from '../../components/QueryView'
import { formatDateTime } from '../../lib/format'
import { useAwaitingFinal } from '../../queries/decisions'
import { useInterviews } from '../../queries/interviews'

/** The next interviews (the signed-in person's, or everyone's for those who organize them), today's marked. */
export function UpcomingInterviews({ mine }: { mine: boolean }) {
  const [since] = useState(() => new Date(Date.now() - 60 * 60 * 1000).toISOString())
  const interviews = useInterviews({ mine, since })
  const title = mine ? 'My next interviews' : 'Next interviews'
  const items = (interviews.data?.items ?? []).filter(
    (i) => i.status === 'scheduled' || i.status === 'in_progress',
  )
  const today = new Date().toDateString()
  return (
    <Card withBorder radius="md" component="section" aria-label={title}>
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">
          {title}
        </Title>
        <Anchor component={Link} to="/interviews" size="sm">
          All interviews
        </Anchor>
      </Group>
      <QueryView
        query={interviews}
        isEmpty={items.length === 0}
        empty={
          <Text size="sm" c="dimmed">
            {mine ? 'Nothing scheduled for you.' : 'Nothing scheduled.'}
          </Text>
        }
      >
        <Stack gap={6}>
          {items.slice(0, 5).map((i) => (
            <Group key={i.id} justify="space-between" wrap="nowrap">
              <Anchor component={Link} to={`/interviews/${i.id}`} fw={600} size="sm">
                {i.candidate_name}
              </Anchor>
              <Group gap={6} wrap="nowrap">
                {new Date(i.starts_at).toDateString() === today && <Badge size="xs">Today</Badge>}
                <Text size="sm" c="dimmed">
                  {i.type.replace('_', ' ')} · {formatDateTime(i.starts_at)}
                </Text>
              </Group>
            </Group>
          ))}
        </Stack>
      </QueryView>
    </Card>
  )
}

/** For the CTO and CEO: who waits for their final decision. */
export function AwaitingDecisions() {
  const queue = useAwaitingFinal()
  const rows = queue.data ?? []
  return (
    <Card withBorder radius="md" component="section" aria-label="Waiting for a final decision">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">
          Waiting for a final decision{' '}
          <Badge variant="light" size="lg">
            {rows.length}
          </Badge>
        </Title>
        <Anchor component={Link} to="/decisions" size="sm">
          Final decisions
        </Anchor>
      </Group>
      <QueryView
        query={queue}
        isEmpty={rows.length === 0}
        empty={
          <Text size="sm" c="dimmed">
            Nobody is waiting.
          </Text>
        }
      >
        <Stack gap={6}>
          {rows.slice(0, 5).map((r) => (
            <Group key={r.application_id} justify="space-between" wrap="nowrap">
              <Anchor component={Link} to={`/decisions/${r.application_id}`} fw={600} size="sm">
                {r.candidate_name}
              </Anchor>
              <Text size="sm" c="dimmed">
                {r.requisition_title} · panel {r.step2_overall ?? '—'} / 5
              </Text>
            </Group>
          ))}
        </Stack>
      </QueryView>
    </Card>
  )
}
