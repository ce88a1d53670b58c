import { Badge, Button, Group, Stack, Text, Title } from '@mantine/core'
import { IconSend } from '@tabler/icons-react'
import { useState } from 'react'
import { ResultsLink } from '../../components/ResultsLink'
import { ErrorState, LoadingRows } from '../../components/states'
import { formatDateTime, formatRelative } from '../../lib/format'
import { useAuth } from '../../lib/useAuth'
import { useApplicationSessions, useInvitations } from '../../queries/assessments'
import type { ApplicationDetail } from '../../queries/applications'
import { SendTestModal } from './SendTestModal'

const DECISIONS: Record<string, { label: string; color: string }> = {
  advance: { label: 'Advanced', color: 'green' },
  manual_review: { label: 'Manual review', color: 'orange' },
  reject: { label: 'Rejected', color: 'red' },
}

const LINK_COLORS: Record<string, string> = {
  active: 'green',
  expiring_soon: 'orange',
  expired: 'gray',
  started: 'blue',
  completed: 'indigo',
  revoked: 'red',
}

/** Step 1 in the application drawer: the links sent, the test sessions with their scores (to the results), and
 * "Send test" for people who send links. */
export function AssessmentPanel({ app }: { app: ApplicationDetail }) {
  const { can } = useAuth()
  const canSend = can('links:create')
  const [sending, setSending] = useState(false)
  const sessions = useApplicationSessions(app.id)
  const links = useInvitations({ application_id: app.id, limit: 10 }, canSend)
  const openLinks = (links.data?.items ?? []).filter((l) => l.state !== 'completed')
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={3} size="h5">
          Assessments
        </Title>
        {canSend && app.status === 'active' && (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconSend size={14} />}
            onClick={() => setSending(true)}
          >
            Send test
          </Button>
        )}
      </Group>
      {sessions.isError ? (
        <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : !sessions.data ? (
        <LoadingRows rows={2} />
      ) : sessions.data.length === 0 && openLinks.length === 0 ? (
        <Text size="sm" c="dimmed">
          No test sent yet.
        </Text>
      ) : null}
      {sessions.data?.map((s) => {
        const decision =
          s.review_status === 'pending' ? DECISIONS.manual_review : s.decision ? DECISIONS[s.decision] : null
        return (
          <Group
            key={s.id}
            justify="space-between"
            p="xs"
            style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }}
          >
            <Stack gap={0}>
              <Text size="sm" fw={600}>
                {s.assessment_name ?? 'Assessment'}
              </Text>
              <Text size="xs" c="dimmed">
                {s.status === 'in_progress'
                  ? `In progress, deadline ${formatDateTime(s.deadline_at)}`
                  : `Submitted ${formatRelative(s.closed_at)}`}
              </Text>
            </Stack>
            <Group gap="xs">
              {s.score != null && (
                <Badge size="lg" variant="light">
                  {Math.round(Number(s.score) * 10) / 10}%
                </Badge>
              )}
              {s.grading_status !== 'graded' && s.status !== 'in_progress' && (
                <Badge variant="outline" color="orange">
                  {s.grading_status === 'awaiting_grader' ? 'essay to grade' : 'grading'}
                </Badge>
              )}
              {decision && (
                <Badge color={decision.color} variant="light">
                  {decision.label}
                </Badge>
              )}
              <ResultsLink sessionId={s.id} />
            </Group>
          </Group>
        )
      })}
      {openLinks.map((l) => (
        <Group key={l.id} justify="space-between" px="xs">
          <Text size="xs">
            Link to {l.assessment_name ?? 'an assessment'}: expires {formatRelative(l.expires_at)}
          </Text>
          <Badge size="xs" variant="light" color={LINK_COLORS[l.state]}>
            {l.state.replace('_', ' ')}
          </Badge>
        </Group>
      ))}
      {sending && (
        <SendTestModal
          applicationIds={[app.id]}
          candidateName={app.candidate_name}
          onClose={() => setSending(false)}
        />
      )}
    </Stack>
  )
}
