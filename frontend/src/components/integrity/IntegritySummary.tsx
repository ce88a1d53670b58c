import { Alert, Badge, Button, Group, List, Skeleton, Stack, Text } from '@mantine/core'
import { IconShieldCheck } from '@tabler/icons-react'
import { Link } from 'react-router'
import { errorMessage } from '../../lib/problem'
import { useAuth } from '../../lib/useAuth'
import { useIntegritySummary } from '../../queries/proctoring'
import { reviewStatus, SIGNALS_INFORM, VERDICT_COLORS, VERDICT_LABELS } from './labels'
import { TierBadge } from './TierBadge'

/** A test session's integrity risk, why, and the verdict, with the way to the full review. Shown only to people
 * who may read integrity summaries (`proctoring:monitor`); for everyone else it renders nothing. */
export function IntegritySummary({ sessionId }: { sessionId: string }) {
  const { can } = useAuth()
  const allowed = can('proctoring:monitor')
  const summary = useIntegritySummary(sessionId, allowed)
  if (!allowed) return null
  const s = summary.data
  return (
    <Alert
      variant="light"
      color="gray"
      icon={<IconShieldCheck />}
      title="Integrity"
      component="section"
      aria-label="Integrity summary"
    >
      <Stack gap="xs">
        {summary.isError ? (
          <Group gap="xs">
            <Text size="sm">Integrity summary unavailable: {errorMessage(summary.error)}</Text>
            <Button size="compact-xs" variant="subtle" onClick={() => void summary.refetch()}>
              Retry
            </Button>
          </Group>
        ) : !s ? (
          <Skeleton height={20} width={240} aria-label="Loading the integrity summary" />
        ) : (
          <>
            <Group gap="xs">
              <TierBadge tier={s.tier} />
              {s.verdict && (
                <Badge variant="filled" color={VERDICT_COLORS[s.verdict] ?? 'gray'}>
                  Verdict: {VERDICT_LABELS[s.verdict] ?? s.verdict}
                </Badge>
              )}
              <Text size="sm">{reviewStatus(s)}</Text>
            </Group>
            {s.reasons.length > 0 && (
              <List size="sm" spacing={0} aria-label="Why">
                {s.reasons.map((r) => (
                  <List.Item key={r}>{r}</List.Item>
                ))}
              </List>
            )}
            {s.verdict_note && (
              <Text size="sm">
                <Text span fw={600}>
                  Reviewer’s note:
                </Text>{' '}
                {s.verdict_note}
              </Text>
            )}
          </>
        )}
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text size="xs" c="dimmed">
            {SIGNALS_INFORM}
          </Text>
          <Button component={Link} to={`/integrity/sessions/${sessionId}`} size="xs" variant="light">
            Open the integrity review
          </Button>
        </Group>
      </Stack>
    </Alert>
  )
}
