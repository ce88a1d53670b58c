import { Group, Rating, Stack, Table, Text } from '@mantine/core'
import { EmptyState } from '../states'
import { QueryView } from '../QueryView'
import { formatDateTime } from '../../lib/format'
import { useFeedback } from '../../queries/decisions'
import { label } from './recommendation'
import { RecommendationBadge } from './RecommendationBadge'
import { ReopenScorecard } from './ReopenScorecard'
import { useAuth } from '../../lib/useAuth'

/** Each panelist's recommendation at a glance, per interview of the application. */
export function PanelSummary({ applicationId }: { applicationId: string }) {
  const feedback = useFeedback(applicationId)
  const { can } = useAuth()
  const rows = feedback.data ?? []
  const submitted = rows.filter((r) => r.status === 'submitted').length
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Text fw={700}>Scorecards</Text>
        {rows.length > 0 && (
          <Text size="sm" c="dimmed">
            {submitted} of {rows.length} submitted
          </Text>
        )}
      </Group>
      <QueryView
        query={feedback}
        isEmpty={rows.length === 0}
        empty={<EmptyState title="No interviews yet">Scorecards appear once a panel interviews.</EmptyState>}
      >
        <Table aria-label="Scorecard summary" verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Panelist</Table.Th>
              <Table.Th>Interview</Table.Th>
              <Table.Th>Rating</Table.Th>
              <Table.Th>Recommendation</Table.Th>
              {can('decisions:override') && <Table.Th aria-label="Actions" />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={`${r.interview_id}-${r.interviewer_id}`}>
                <Table.Td fw={600}>{r.interviewer_name}</Table.Td>
                <Table.Td>
                  <Text size="sm">{label(r.interview_type)}</Text>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(r.starts_at)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {r.overall_rating != null ? (
                    <Group gap={4} wrap="nowrap">
                      <Rating value={Number(r.overall_rating)} fractions={2} readOnly size="xs" />
                      <Text size="xs" c="dimmed">
                        {Number(r.overall_rating)}
                      </Text>
                    </Group>
                  ) : (
                    '—'
                  )}
                </Table.Td>
                <Table.Td>
                  <RecommendationBadge
                    value={r.status === 'submitted' ? r.recommendation : null}
                    placeholder={r.status === 'draft' ? 'Draft' : 'Awaiting'}
                  />
                </Table.Td>
                {can('decisions:override') && (
                  <Table.Td>
                    {r.scorecard_id && (
                      <ReopenScorecard scorecardId={r.scorecard_id} author={r.interviewer_name} />
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </QueryView>
    </Stack>
  )
}
