import { Badge, Button, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import { Link } from 'react-router'
import { IntegritySummary } from '../../components/integrity/IntegritySummary'
import { PageHeader } from '../../components/PageHeader'
import { PagedTable, type Column } from '../../components/PagedTable'
import { EmptyState } from '../../components/states'
import { formatDateTime, formatRelative } from '../../lib/format'
import { useCursorStack } from '../../lib/useCursorStack'
import { useStep1Reviews, type SessionSummary } from '../../queries/assessments'
import { Step1DecisionForm } from './Step1DecisionForm'
import { percent } from './labels'

const PAGE_SIZE = 20

/** Step-1 results in the manual-review band, oldest first: open one, decide with a note. */
export function Step1ReviewsPage() {
  const pager = useCursorStack()
  const reviews = useStep1Reviews({ limit: PAGE_SIZE, cursor: pager.cursor })
  const [deciding, setDeciding] = useState<string | null>(null)
  const columns: Column<SessionSummary>[] = [
    {
      header: 'Candidate',
      render: (s) => (
        <Stack gap={0}>
          <Text size="sm" fw={600}>
            {s.candidate_name ?? '—'}
          </Text>
          <Text size="xs" c="dimmed">
            {s.assessment_name}
          </Text>
        </Stack>
      ),
    },
    {
      header: 'Score',
      render: (s) => (
        <Badge variant="light" color="orange" size="lg">
          {percent(s.score)}
        </Badge>
      ),
    },
    {
      header: 'Graded',
      render: (s) => formatRelative(s.graded_at),
      td: (s) => ({ title: formatDateTime(s.graded_at) }),
    },
    {
      header: 'Results',
      hiddenHeader: true,
      render: (s) => (
        <Button component={Link} to={`/results/${s.id}`} size="xs" variant="subtle">
          Open results
        </Button>
      ),
    },
    {
      header: 'Decide',
      hiddenHeader: true,
      render: (s) => (
        <Button size="xs" variant="light" onClick={() => setDeciding(deciding === s.id ? null : s.id)}>
          {deciding === s.id ? 'Close' : 'Decide…'}
        </Button>
      ),
    },
  ]
  const current = reviews.data?.items.find((s) => s.id === deciding)
  return (
    <>
      <PageHeader
        title="Step-1 reviews"
        description="Results between the manual-review and auto-advance thresholds wait here for a person."
      />
      {current && (
        <Stack mb="md">
          {/* The integrity summary sits next to the decision: a person weighs it, it decides nothing. */}
          <IntegritySummary sessionId={current.id} brief={current.integrity} />
          <Step1DecisionForm key={current.id} session={current} onDone={() => setDeciding(null)} />
        </Stack>
      )}
      <PagedTable
        label="Step-1 reviews"
        query={reviews}
        pager={pager}
        pageSize={PAGE_SIZE}
        columns={columns}
        rowKey={(s) => s.id}
        minWidth={640}
        empty={
          <EmptyState title="Nothing to review">
            Results in the manual-review band appear here as soon as they are graded.
          </EmptyState>
        }
      />
    </>
  )
}
