import { Alert, Badge, Button, Group, List, Skeleton, Stack, Text } from '@mantine/core'
import { IconShieldCheck } from '@tabler/icons-react'
import { Link } from 'react-router'
import { errorMessage } from '../../lib/problem'
import { useAuth } from '../../lib/useAuth'
import { useIntegritySummary, type IntegrityBrief } from '../../queries/proctoring'
import { reviewStatus, SIGNALS_INFORM, VERDICT_COLORS, VERDICT_LABELS } from './labels'
import { TierBadge } from './TierBadge'

/** A test session's integrity risk, why, and the verdict, with the way to the full review.
 *
 * Given `brief` (the compact summary a results or interview-kit response carries for everyone who reaches that
 * test), it shows it as it is; without it, it loads the summary itself, for people who may read integrity
 * summaries (`proctoring:monitor`), and renders nothing for everyone else. The link to the full review shows only
 * to those who may open it. `compact` fits it into a list (the interview kit). */
export function IntegritySummary({
  sessionId,
  brief,
  compact = false,
}: {
  sessionId: string
  brief?: IntegrityBrief | null
  compact?: boolean
}) {
  const { can } = useAuth()
  const monitor = can('proctoring:monitor')
  const summary = useIntegritySummary(sessionId, monitor && !brief)
  if (!brief && !monitor) return null
  const s: IntegrityBrief | undefined = brief ?? summary.data
  return (
    <Alert
      variant="light"
      color="gray"
      icon={compact ? undefined : <IconShieldCheck />}
      title={compact ? undefined : 'Integrity'}
      p={compact ? 'xs' : undefined}
      component="section"
      // A summary to read, not an alert to announce (Mantine's Alert is a live `alert` by default).
      role="region"
      aria-label="Integrity summary"
    >
      <Stack gap="xs">
        {!brief && summary.isError ? (
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
              {compact && (
                <Text span size="sm" fw={600}>
                  Integrity:
                </Text>
              )}
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
          {monitor && (
            <Button
              component={Link}
              to={`/integrity/sessions/${sessionId}`}
              size={compact ? 'compact-xs' : 'xs'}
              variant="light"
            >
              Open the integrity review
            </Button>
          )}
        </Group>
      </Stack>
    </Alert>
  )
}
