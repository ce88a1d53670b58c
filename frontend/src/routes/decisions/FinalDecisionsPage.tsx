import { Anchor, Badge, Card, Group, Table, Text } from '@mantine/core'
import { Link } from 'react-router'
import { EmptyState } from '../../components/states'
import { PageHeader } from '../../components/PageHeader'
import { QueryView } from '../../components/QueryView'
import { formatRelative } from '../../lib/format'
import { useAwaitingFinal } from '../../queries/decisions'

const SEATS = ['cto', 'ceo'] as const

/** The executives' queue: candidates in the executive round whose final decision is not complete. */
export function FinalDecisionsPage() {
  const queue = useAwaitingFinal()
  const rows = queue.data ?? []
  return (
    <>
      <PageHeader
        title="Final decisions"
        description="Candidates who passed the panel and wait for the CTO and CEO. Oldest first."
      />
      <Card withBorder radius="md">
        <QueryView
          query={queue}
          isEmpty={rows.length === 0}
          empty={
            <EmptyState title="Nobody is waiting">
              Candidates appear here when they reach the executive round.
            </EmptyState>
          }
        >
          <Table highlightOnHover verticalSpacing="sm" aria-label="Awaiting final decision">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Candidate</Table.Th>
                <Table.Th>Requisition</Table.Th>
                <Table.Th>In stage</Table.Th>
                <Table.Th>Panel score</Table.Th>
                <Table.Th>Seats</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.application_id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/decisions/${r.application_id}`} fw={600}>
                      {r.candidate_name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{r.requisition_title}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatRelative(r.stage_entered_at)}</Text>
                  </Table.Td>
                  <Table.Td>{r.step2_overall != null ? `${r.step2_overall} / 5` : '—'}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {SEATS.map((seat) => (
                        <Badge
                          key={seat}
                          variant={r.decided_seats.includes(seat) ? 'filled' : 'outline'}
                          color={r.decided_seats.includes(seat) ? 'green' : 'gray'}
                        >
                          {seat.toUpperCase()} {r.decided_seats.includes(seat) ? '✓' : 'pending'}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </QueryView>
      </Card>
    </>
  )
}
