import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core'
import { IconPlayerPlay } from '@tabler/icons-react'
import { useState } from 'react'
import { useNavigate } from 'react-router'
import { ErrorState, LoadingRows } from '../../components/states'
import { formatDateTime } from '../../lib/format'
import { notifyError } from '../../lib/notify'
import { useMyAssessments, useOpenAssessment, type PortalAssessment } from '../../queries/portalAssessments'
import { holdSignIn } from '../player/playerApi'

const STATUS: Record<PortalAssessment['status'], { label: string; color: string }> = {
  pending: { label: 'To do', color: 'blue' },
  started: { label: 'In progress', color: 'yellow' },
  completed: { label: 'Submitted', color: 'green' },
  expired: { label: 'Expired', color: 'gray' },
  revoked: { label: 'Withdrawn', color: 'gray' },
}

const HOUR = 3_600_000

/** "My assessments": tests to take (with the date they close), and finished ones with the result when the
 * company releases it. */
export function MyAssessments() {
  const assessments = useMyAssessments()
  const open = useOpenAssessment()
  const navigate = useNavigate()
  // "Closes soon" is relative to when the list was shown.
  const [now] = useState(() => Date.now())
  if (assessments.isError)
    return <ErrorState error={assessments.error} onRetry={() => void assessments.refetch()} />
  if (!assessments.data) return <LoadingRows rows={2} />
  if (assessments.data.length === 0) return null
  const start = (a: PortalAssessment) =>
    open.mutate(a.invitation_id, {
      onSuccess: (signedIn) => {
        holdSignIn(signedIn)
        navigate('/test')
      },
      onError: notifyError,
    })
  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        My assessments
      </Title>
      <Stack gap="sm" role="list" aria-label="My assessments">
        {assessments.data.map((a) => {
          const status = STATUS[a.status]
          const openNow = a.status === 'pending' || a.status === 'started'
          const soon = openNow && Date.parse(a.expires_at) - now < 24 * HOUR
          return (
            <Card key={a.invitation_id} withBorder radius="md" role="listitem">
              <Group justify="space-between" wrap="wrap" gap="sm">
                <Stack gap={2}>
                  <Text fw={700}>{a.assessment_name ?? 'Online assessment'}</Text>
                  <Text size="sm" c="dimmed">
                    {a.job_title}
                    {openNow && ` · open until ${formatDateTime(a.expires_at)}`}
                    {a.status === 'completed' &&
                      a.completed_at &&
                      ` · submitted ${formatDateTime(a.completed_at)}`}
                    {a.status === 'expired' && ` · closed ${formatDateTime(a.expires_at)}`}
                  </Text>
                  {a.result && (
                    <Text size="sm" fw={600} data-testid="assessment-result">
                      Your result: {Math.round(Number(a.result.score))}% ({Number(a.result.points_awarded)} of{' '}
                      {Number(a.result.points_possible)} points)
                    </Text>
                  )}
                </Stack>
                <Group gap="xs">
                  {soon && (
                    <Badge color="orange" variant="light">
                      Closes soon
                    </Badge>
                  )}
                  <Badge color={status.color} variant="dot" size="lg">
                    {status.label}
                  </Badge>
                  {openNow && (
                    <Button
                      size="xs"
                      leftSection={<IconPlayerPlay size={14} aria-hidden />}
                      loading={open.isPending && open.variables === a.invitation_id}
                      onClick={() => start(a)}
                    >
                      {a.status === 'started' ? 'Continue the test' : 'Start the test'}
                    </Button>
                  )}
                </Group>
              </Group>
            </Card>
          )
        })}
      </Stack>
    </Stack>
  )
}
