import { Button, List, Text } from '@mantine/core'
import { useNavigate } from 'react-router'
import { Link } from 'react-router'
import { PageHeader } from '../../components/PageHeader'
import { PagedTable, type Column } from '../../components/PagedTable'
import { EmptyState } from '../../components/states'
import { formatDateTime } from '../../lib/format'
import { useCursorStack } from '../../lib/useCursorStack'
import { useReviewQueue, type QueueItem } from '../../queries/proctoring'
import { TierBadge } from '../../components/integrity/TierBadge'

export function ReviewQueuePage() {
  const pager = useCursorStack()
  const queue = useReviewQueue(pager.cursor)
  const navigate = useNavigate()
  const columns: Column<QueueItem>[] = [
    { header: 'Candidate', render: (i) => <Text fw={500}>{i.candidate_name}</Text> },
    { header: 'Assessment', render: (i) => i.assessment_name },
    { header: 'Risk', render: (i) => <TierBadge tier={i.tier} /> },
    {
      header: 'Why',
      td: { maw: 380 },
      render: (i) => (
        <List size="xs" spacing={0}>
          {i.reasons.slice(0, 3).map((r) => (
            <List.Item key={r}>{r}</List.Item>
          ))}
        </List>
      ),
    },
    { header: 'Flags to review', render: (i) => i.pending_reviews },
    { header: 'Updated', render: (i) => formatDateTime(i.updated_at) },
  ]
  return (
    <>
      <PageHeader
        title="Integrity reviews"
        description="Tests with a medium or high integrity risk and no verdict yet. Signals inform; a person decides."
        actions={
          <Button component={Link} to="/integrity/live" variant="light">
            Live monitor
          </Button>
        }
      />
      <PagedTable
        label="Sessions needing an integrity review"
        query={queue}
        pager={pager}
        pageSize={25}
        columns={columns}
        rowKey={(i) => i.session_id}
        onRowClick={(i) => void navigate(`/integrity/sessions/${i.session_id}`)}
        rowLabel={(i) => `Review ${i.candidate_name}'s test`}
        minWidth={820}
        empty={
          <EmptyState title="Nothing to review">Sessions with a medium or high risk appear here.</EmptyState>
        }
      />
    </>
  )
}
