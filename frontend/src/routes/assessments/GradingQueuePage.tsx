import { Badge, Button, Stack, Text } from '@mantine/core'
import { Link, useNavigate } from 'react-router'
import { PageHeader } from '../../components/PageHeader'
import { PagedTable, type Column } from '../../components/PagedTable'
import { EmptyState } from '../../components/states'
import { formatDateTime, formatRelative } from '../../lib/format'
import { useCursorStack } from '../../lib/useCursorStack'
import { useGradingQueue, type GradingItem } from '../../queries/assessments'

const PAGE_SIZE = 20

/** Answers waiting for a person, oldest first: essays to grade with their rubric, code the engine could not run. */
export function GradingQueuePage() {
  const navigate = useNavigate()
  const pager = useCursorStack()
  const queue = useGradingQueue({ limit: PAGE_SIZE, cursor: pager.cursor })
  const open = (g: GradingItem) => void navigate(`/results/${g.session_id}?position=${g.position}`)
  const columns: Column<GradingItem>[] = [
    {
      header: 'Question',
      render: (g) => (
        <Stack gap={0}>
          <Text size="sm" fw={600}>
            {g.question_title}
          </Text>
          <Text size="xs" c="dimmed">
            {g.rubric.length ? `Rubric: ${g.rubric.map((c) => c.criterion).join(', ')}` : 'Code to re-run'}
          </Text>
        </Stack>
      ),
    },
    { header: 'Candidate', render: (g) => g.candidate_name ?? '—' },
    { header: 'Assessment', render: (g) => g.assessment_name ?? '—' },
    {
      header: 'Submitted',
      render: (g) => formatRelative(g.submitted_at),
      td: (g) => ({ title: formatDateTime(g.submitted_at) }),
    },
    {
      header: 'Points',
      render: (g) =>
        g.rubric.length ? (
          <Badge variant="light">{g.rubric.reduce((n, c) => n + c.points, 0)} pts</Badge>
        ) : (
          '—'
        ),
    },
    {
      header: 'Grade',
      hiddenHeader: true,
      render: (g) => (
        <Button
          component={Link}
          to={`/results/${g.session_id}?position=${g.position}`}
          size="xs"
          variant="light"
          onClick={(e) => e.stopPropagation()}
        >
          Grade
        </Button>
      ),
    },
  ]
  return (
    <>
      <PageHeader title="Grading" description="Essays waiting for a grade, and code answers to run again." />
      <PagedTable
        label="Answers to grade"
        query={queue}
        pager={pager}
        pageSize={PAGE_SIZE}
        columns={columns}
        rowKey={(g) => `${g.session_id}-${g.position}`}
        onRowClick={open}
        rowLabel={(g) => `${g.question_title}, ${g.candidate_name ?? 'candidate'}`}
        minWidth={720}
        empty={<EmptyState title="Nothing to grade">Every submitted answer has its grade.</EmptyState>}
      />
    </>
  )
}
