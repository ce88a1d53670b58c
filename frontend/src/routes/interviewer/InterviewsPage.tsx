import { Anchor, Badge, Card, Group, SegmentedControl, Stack, Table, Text } from '@mantine/core'
import { useState } from 'react'
import { Link } from 'react-router'
import { EmptyState } from '../../components/states'
import { PageHeader } from '../../components/PageHeader'
import { QueryView } from '../../components/QueryView'
import { formatDateTime } from '../../lib/format'
import { useAuth } from '../../lib/useAuth'
import { useInterviews, type InterviewListItem } from '../../queries/interviews'
import { INTERVIEW_STATUS_COLORS } from './interviewStatus'
import { InterviewWeek } from './InterviewWeek'

function Rows({ items }: { items: InterviewListItem[] }) {
  return (
    <Table highlightOnHover verticalSpacing="sm" aria-label="Interviews">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>When</Table.Th>
          <Table.Th>Candidate</Table.Th>
          <Table.Th>Type</Table.Th>
          <Table.Th>Mode</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th aria-label="Open" />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((i) => (
          <Table.Tr key={i.id}>
            <Table.Td fw={600}>{formatDateTime(i.starts_at)}</Table.Td>
            <Table.Td>{i.candidate_name}</Table.Td>
            <Table.Td>{i.type.replace('_', ' ')}</Table.Td>
            <Table.Td>{i.mode}</Table.Td>
            <Table.Td>
              <Badge variant="light" color={INTERVIEW_STATUS_COLORS[i.status]}>
                {i.status.replace('_', ' ')}
              </Badge>
            </Table.Td>
            <Table.Td>
              <Anchor component={Link} to={`/interviews/${i.id}`}>
                Open interview kit
              </Anchor>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}

/** Upcoming interviews first, then past ones, most recent first. */
function InterviewList({ mine }: { mine: boolean }) {
  const interviews = useInterviews({ mine })
  const [now] = useState(() => Date.now())
  const items = interviews.data?.items ?? []
  const upcoming = items.filter((i) => new Date(i.ends_at).getTime() >= now && i.status !== 'cancelled')
  const past = items.filter((i) => !upcoming.includes(i)).reverse()
  return (
    <QueryView
      query={interviews}
      isEmpty={items.length === 0}
      empty={<EmptyState title="No interviews yet">Interviews you are on appear here.</EmptyState>}
    >
      <Stack>
        <Card withBorder radius="md">
          <Text fw={700} mb="xs">
            Upcoming
          </Text>
          {upcoming.length ? (
            <Rows items={upcoming} />
          ) : (
            <Text size="sm" c="dimmed">
              Nothing scheduled.
            </Text>
          )}
        </Card>
        <Card withBorder radius="md">
          <Text fw={700} mb="xs">
            Past
          </Text>
          {past.length ? (
            <Rows items={past} />
          ) : (
            <Text size="sm" c="dimmed">
              No past interviews.
            </Text>
          )}
        </Card>
      </Stack>
    </QueryView>
  )
}

export function InterviewsPage() {
  const { can } = useAuth()
  // Schedulers look after everyone's interviews; panelists after their own.
  const [scope, setScope] = useState(can('interviews:schedule') ? 'all' : 'mine')
  const [view, setView] = useState('list')
  return (
    <>
      <PageHeader
        title="Interviews"
        description="Today first: each opens its interview kit with the guide and your scorecard."
      />
      <Group mb="md">
        {can('interviews:read_all') && (
          <SegmentedControl
            aria-label="Whose interviews"
            value={scope}
            onChange={setScope}
            data={[
              { value: 'mine', label: 'Mine' },
              { value: 'all', label: 'Everyone' },
            ]}
          />
        )}
        <SegmentedControl
          aria-label="View"
          value={view}
          onChange={setView}
          data={[
            { value: 'list', label: 'List' },
            { value: 'week', label: 'Week' },
          ]}
        />
      </Group>
      {view === 'week' ? (
        <InterviewWeek mine={scope === 'mine'} />
      ) : (
        <InterviewList mine={scope === 'mine'} />
      )}
    </>
  )
}
