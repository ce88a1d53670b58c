import { Anchor, Badge, Group, Text } from '@mantine/core'
import { Link } from 'react-router'
import { PageHeader } from '../../components/PageHeader'
import { PagedTable, type Column } from '../../components/PagedTable'
import { EmptyState } from '../../components/states'
import { formatRelative } from '../../lib/format'
import { useAwaitingFinal, type AwaitingFinal } from '../../queries/decisions'

const SEATS = ['cto', 'ceo'] as const

const COLUMNS: Column<AwaitingFinal>[] = [
  {
    header: 'Candidate',
    render: (r) => (
      <Anchor component={Link} to={`/decisions/${r.application_id}`} fw={600}>
        {r.candidate_name}
      </Anchor>
    ),
  },
  { header: 'Requisition', render: (r) => r.requisition_title },
  { header: 'In stage', render: (r) => <Text size="sm">{formatRelative(r.stage_entered_at)}</Text> },
  { header: 'Panel score', render: (r) => (r.step2_overall != null ? `${r.step2_overall} / 5` : '—') },
  {
    header: 'Seats',
    render: (r) => (
      <Group gap={4}>
        {SEATS.map((seat) => {
          const decided = r.decided_seats.includes(seat)
          return (
            <Badge key={seat} variant={decided ? 'filled' : 'outline'} color={decided ? 'green' : 'gray'}>
              {seat.toUpperCase()} {decided ? '✓' : 'pending'}
            </Badge>
          )
        })}
      </Group>
    ),
  },
]

/** The executives' queue: candidates in the executive round whose final decision is not complete. */
export function FinalDecisionsPage() {
  const queue = useAwaitingFinal()
  return (
    <>
      <PageHeader
        title="Final decisions"
        description="Candidates who passed the panel and wait for the CTO and CEO. Oldest first."
      />
      <PagedTable
        label="Awaiting final decision"
        query={queue}
        columns={COLUMNS}
        rowKey={(r) => r.application_id}
        empty={
          <EmptyState title="Nobody is waiting">
            Candidates appear here when they reach the executive round.
          </EmptyState>
        }
      />
    </>
  )
}
