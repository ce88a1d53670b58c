import { Badge, Button, Card, Group, Stack, Text } from '@mantine/core'
import { modals } from '@mantine/modals'
import { download } from '../../api/client'
import { MyAssessments } from './MyAssessments'
import { EmptyState, ErrorState, LoadingRows } from '../../components/states'
import { formatDateTime } from '../../lib/format'
import { notifyError } from '../../lib/notify'
import { useMyInterviews, useRespond } from '../../queries/interviews'
import { useMyApplications, useWithdrawMine, type PortalApplication } from '../../queries/jobBoard'

const STATUS: Record<string, { label: string; color: string }> = {
  active: { label: 'In progress', color: 'blue' },
  on_hold: { label: 'On hold', color: 'yellow' },
  rejected: { label: 'Not selected', color: 'gray' },
  withdrawn: { label: 'Withdrawn', color: 'gray' },
  hired: { label: 'Hired', color: 'green' },
}

function MyApplications() {
  const apps = useMyApplications(true)
  const withdraw = useWithdrawMine()
  const confirm = (a: PortalApplication) =>
    modals.openConfirmModal({
      title: `Withdraw from ${a.requisition_title}?`,
      children: <Text size="sm">The team is told you are no longer interested. This cannot be undone.</Text>,
      labels: { confirm: 'Withdraw', cancel: 'Keep my application' },
      confirmProps: { color: 'red' },
      onConfirm: () => withdraw.mutate(a.id, { onError: notifyError }),
    })
  if (apps.isError) return <ErrorState error={apps.error} onRetry={() => void apps.refetch()} />
  if (!apps.data) return <LoadingRows rows={3} />
  if (apps.data.length === 0)
    return (
      <EmptyState title="No applications yet">
        Apply from a company's job board; your applications appear here.
      </EmptyState>
    )
  return (
    <Stack gap="sm" role="list" aria-label="My applications">
      {apps.data.map((a) => (
        <Card key={a.id} withBorder radius="md" role="listitem">
          <Group justify="space-between" wrap="wrap">
            <Stack gap={2}>
              <Text fw={700}>{a.requisition_title}</Text>
              <Text size="sm" c="dimmed">
                {a.organization_name} · applied {formatDateTime(a.applied_at)}
              </Text>
            </Stack>
            <Group gap="xs">
              {a.status === 'active' && a.stage_name && (
                <Badge variant="light" size="lg">
                  {a.stage_name}
                </Badge>
              )}
              <Badge color={STATUS[a.status].color} variant="dot" size="lg">
                {STATUS[a.status].label}
              </Badge>
              {(a.status === 'active' || a.status === 'on_hold') && (
                <Button size="xs" variant="subtle" color="red" onClick={() => confirm(a)}>
                  Withdraw
                </Button>
              )}
            </Group>
          </Group>
        </Card>
      ))}
    </Stack>
  )
}

function MyInterviews() {
  const interviews = useMyInterviews()
  const respond = useRespond()
  if (!interviews.data?.length) return null
  return (
    <Stack gap="sm" role="list" aria-label="My interviews">
      <Text fw={700}>Interviews</Text>
      {interviews.data.map((i) => (
        <Card key={i.id} withBorder radius="md" role="listitem">
          <Group justify="space-between" wrap="wrap">
            <Stack gap={2}>
              <Text fw={600}>
                {i.type.replace('_', ' ')} interview · {formatDateTime(i.starts_at)}
              </Text>
              <Text size="sm" c="dimmed">
                {i.mode} · {i.location ?? 'details to follow'} · {i.duration_minutes} min
              </Text>
            </Stack>
            <Group gap="xs">
              {i.candidate_response && <Badge variant="light">{i.candidate_response}</Badge>}
              <Button
                size="xs"
                variant="default"
                onClick={() =>
                  void download(`/api/v1/me/interviews/${i.id}/calendar`, 'interview.ics').catch(notifyError)
                }
              >
                Add to calendar
              </Button>
              {i.status === 'scheduled' && i.candidate_response !== 'accepted' && (
                <Button
                  size="xs"
                  onClick={() => respond.mutate({ id: i.id, response: 'accepted' }, { onError: notifyError })}
                >
                  Accept
                </Button>
              )}
              {i.status === 'scheduled' && i.candidate_response !== 'declined' && (
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  onClick={() => respond.mutate({ id: i.id, response: 'declined' }, { onError: notifyError })}
                >
                  Decline
                </Button>
              )}
            </Group>
          </Group>
        </Card>
      ))}
    </Stack>
  )
}

/** The signed-in candidate's part of the dashboard: assessments to take, upcoming interviews, then every
 * application. */
export function CandidatePortal() {
  return (
    <>
      <MyAssessments />
      <MyInterviews />
      <MyApplications />
    </>
  )
}
