import { Anchor, Badge, Card, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core'
import { useState } from 'react'
import { Link } from 'react-router'
import { DataTable, type Column } from '../../components/PagedTable'
import { EmptyState } from '../../components/states'
import { PageHeader } from '../../components/PageHeader'
import { QueryView } from '../../components/QueryView'
import { formatDateTime } from '../../lib/format'
import { useAuth } from '../../lib/useAuth'
import { useInterviews, type InterviewListItem } from '../../queries/interviews'
import { INTERVIEW_STATUS_COLORS } from './interviewStatus'
import { InterviewWeek } from './InterviewWeek'

const COLUMNS: Column<InterviewListItem>[] = [
  { header: 'When', render: (i) => formatDateTime(i.starts_at), td: { fw: 600 } },
  { header: 'Candidate', render: (i) => i.candidate_name },
  { header: 'Type', render: (i) => i.type.replace('_', ' ') },
  { header: 'Mode', render: (i) => i.mode },
  {
    header: 'Status',
    render: (i) => (
      <Badge variant="light" color={INTERVIEW_STATUS_COLORS[i.status]}>
        {i.status.replace('_', ' ')}
      </Badge>
    ),
  },
  {
    header: 'Interview kit',
    hiddenHeader: true,
    render: (i) => (
      <Anchor component={Link} to={`/interviews/${i.id}`}>
        Open interview kit
      </Anchor>
    ),
  },
]

const Rows = ({ label, items }: { label: string; items: InterviewListItem[] }) => (
  <DataTable label={label} columns={COLUMNS} rows={items} rowKey={(i) => i.id} />
)

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
          <Title order={2} size="h4" mb="xs">
            Upcoming
          </Title>
          {upcoming.length ? (
            <Rows label="Upcoming interviews" items={upcoming} />
          ) : (
            <Text size="sm" c="dimmed">
              Nothing scheduled.
            </Text>
          )}
        </Card>
        <Card withBorder radius="md">
          <Title order={2} size="h4" mb="xs">
            Past
          </Title>
          {past.length ? (
            <Rows label="Past interviews" items={past} />
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
