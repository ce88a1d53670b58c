import {
  Alert,
  Badge,
  Button,
  Divider,
  Drawer,
  Group,
  NumberInput,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { modals } from '@mantine/modals'
import { IconFlag, IconLock } from '@tabler/icons-react'
import { useQuery } from '@tanstack/react-query'
import { Accommodation as AccommodationLimits, Extend as ExtendLimits } from '../../api/limits'
import { api } from '../../api/client'
import { FormError } from '../../components/FormError'
import { ErrorState, LoadingRows } from '../../components/states'
import { formatDateTime, formatRelative } from '../../lib/format'
import { apiRules, applyProblem } from '../../lib/form'
import { notifyError, notifySuccess } from '../../lib/notify'
import { unwrap } from '../../lib/problem'
import {
  useAccessLog,
  useExtendLink,
  useRegenerateLink,
  useResendLink,
  useRevokeLink,
  useSetAccommodation,
  type Invitation,
} from '../../queries/assessments'
import { STATE_LABEL, extraTime } from './labels'

function useInvitation(id: string | null) {
  return useQuery({
    queryKey: ['invitations', 'detail', id],
    enabled: !!id,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/invitations/{invitation_id}', { params: { path: { invitation_id: id! } } }),
      ),
  })
}

/** One link: its state, what can be done with it now (the server's `allowed_actions`) and who tried to open it. */
export function LinkDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const invitation = useInvitation(id)
  const inv = invitation.data
  return (
    <Drawer
      opened={!!id}
      onClose={onClose}
      position="right"
      size="lg"
      title={
        <Title order={2} size="h4">
          {inv ? `Link of ${inv.candidate_name}` : 'Link'}
        </Title>
      }
    >
      {invitation.isError ? (
        <ErrorState error={invitation.error} onRetry={() => void invitation.refetch()} />
      ) : !inv ? (
        <LoadingRows />
      ) : (
        <LinkDetail key={inv.id} inv={inv} />
      )}
    </Drawer>
  )
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </Stack>
  )
}

function LinkDetail({ inv }: { inv: Invitation }) {
  const allowed = new Set(inv.allowed_actions)
  const resend = useResendLink()
  const revoke = useRevokeLink()
  const regenerate = useRegenerateLink()

  const confirmRevoke = () => {
    let reason = ''
    modals.openConfirmModal({
      title: `Revoke the link of ${inv.candidate_name}?`,
      children: (
        <Textarea
          label="Reason (optional)"
          autosize
          data-autofocus
          onChange={(e) => (reason = e.currentTarget.value)}
        />
      ),
      labels: { confirm: 'Revoke', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        revoke.mutate(
          { id: inv.id, reason: reason || undefined },
          { onSuccess: () => notifySuccess('Link revoked'), onError: notifyError },
        ),
    })
  }

  return (
    <Stack>
      <Group gap="xs">
        <Badge variant="light" color={STATE_LABEL[inv.state].color} size="lg">
          {STATE_LABEL[inv.state].label}
        </Badge>
        {inv.flagged_at && (
          <Badge color="red" leftSection={<IconFlag size={12} />}>
            Flagged
          </Badge>
        )}
        {inv.credentials_locked && (
          <Badge color="orange" variant="light" leftSection={<IconLock size={12} />}>
            Credentials locked
          </Badge>
        )}
      </Group>
      {inv.flagged_at && (
        <Alert color="red" variant="light" icon={<IconFlag />} title="Unusual activity">
          More than 5 attempts to open this link within an hour ({formatDateTime(inv.flagged_at)}). Check the
          access log below; regenerate the link if it may have been shared.
        </Alert>
      )}
      <SimpleGrid cols={2} spacing="sm">
        <Fact label="Candidate">
          {inv.candidate_name} · {inv.candidate_email}
        </Fact>
        <Fact label="Assessment">
          {inv.assessment_name ?? '—'} (step {inv.step}) · {inv.job_title}
        </Fact>
        <Fact label="Expires">
          {formatDateTime(inv.expires_at)} ({formatRelative(inv.expires_at)})
          {inv.weekend_extended ? ' · moved off a weekend' : ''}
        </Fact>
        <Fact label="Recruiters may extend until">{formatDateTime(inv.max_expires_at)}</Fact>
        <Fact label="Username">{inv.username}</Fact>
        <Fact label="Failed sign-ins">{inv.failed_attempts} of 3</Fact>
        <Fact label="Sent">{formatDateTime(inv.sent_at)}</Fact>
        <Fact label="Started / completed">
          {inv.started_at ? formatDateTime(inv.started_at) : 'not started'}
          {inv.completed_at ? ` / ${formatDateTime(inv.completed_at)}` : ''}
        </Fact>
        <Fact label="Candidate's time zone">{inv.time_zone}</Fact>
        <Fact label="Extra time">{extraTime(inv) ?? 'none'}</Fact>
      </SimpleGrid>
      <Group gap="xs">
        {allowed.has('resend') && (
          <Button
            size="xs"
            variant="light"
            loading={resend.isPending}
            onClick={() =>
              resend.mutate(inv.id, {
                onSuccess: () => notifySuccess(`A new link and code went to ${inv.candidate_email}`),
                onError: notifyError,
              })
            }
          >
            Resend
          </Button>
        )}
        {allowed.has('regenerate') && (
          <Button
            size="xs"
            variant="light"
            loading={regenerate.isPending}
            onClick={() =>
              regenerate.mutate(
                { id: inv.id },
                {
                  onSuccess: () => notifySuccess('New link and code emailed; the old ones no longer work'),
                  onError: notifyError,
                },
              )
            }
          >
            Regenerate
          </Button>
        )}
        {allowed.has('revoke') && (
          <Button size="xs" variant="light" color="red" onClick={confirmRevoke}>
            Revoke…
          </Button>
        )}
      </Group>
      {allowed.has('extend') && <ExtendForm inv={inv} />}
      {allowed.has('accommodation') && <AccommodationForm inv={inv} />}
      <Divider />
      <AccessLog inv={inv} />
    </Stack>
  )
}

function ExtendForm({ inv }: { inv: Invitation }) {
  const extend = useExtendLink()
  const form = useForm({
    initialValues: { days: 2 as number | string, reason: '' },
    validate: apiRules(ExtendLimits, { messages: { days: 'How many days?' } }),
  })
  const submit = form.onSubmit(async (v) => {
    try {
      const r = await extend.mutateAsync({
        id: inv.id,
        body: { days: Number(v.days), reason: v.reason || null },
      })
      notifySuccess(`Now expires ${formatDateTime(r.expires_at)}`)
      form.reset()
    } catch (err) {
      applyProblem(form, err)
    }
  })
  return (
    <form onSubmit={submit} noValidate aria-label="Extend the link">
      <Stack gap="xs" p="sm" style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }}>
        <Title order={3} size="h6">
          Extend
        </Title>
        <Group align="flex-start" grow>
          <NumberInput label="Days to add" min={1} max={365} {...form.getInputProps('days')} />
          <Textarea label="Reason (optional)" autosize {...form.getInputProps('reason')} />
        </Group>
        <FormError form={form} />
        <Button type="submit" size="xs" w="fit-content" loading={form.submitting}>
          Extend
        </Button>
      </Stack>
    </form>
  )
}

function AccommodationForm({ inv }: { inv: Invitation }) {
  const save = useSetAccommodation()
  const form = useForm({
    initialValues: {
      extra_time_percent: String(inv.extra_time_percent ?? 0),
      extra_time_minutes: (inv.extra_time_minutes ?? '') as number | string,
    },
    validate: apiRules(AccommodationLimits),
  })
  const submit = form.onSubmit(async (v) => {
    try {
      const percent = Number(v.extra_time_percent)
      await save.mutateAsync({
        id: inv.id,
        body: {
          extra_time_percent: percent ? (percent as 25 | 50 | 100) : null,
          extra_time_minutes: v.extra_time_minutes === '' ? null : Number(v.extra_time_minutes),
        },
      })
      notifySuccess('Extra time saved')
    } catch (err) {
      applyProblem(form, err)
    }
  })
  return (
    <form onSubmit={submit} noValidate aria-label="Extra time">
      <Stack gap="xs" p="sm" style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }}>
        <Title order={3} size="h6">
          Extra time (accommodation)
        </Title>
        <Text size="xs" c="dimmed">
          Added to this candidate's deadline by the server. Reviewers never see it on results.
        </Text>
        <Group align="flex-end">
          <SegmentedControl
            aria-label="Extra share of the duration"
            data={[
              { value: '0', label: 'None' },
              { value: '25', label: '+25 %' },
              { value: '50', label: '+50 %' },
              { value: '100', label: '+100 %' },
            ]}
            {...form.getInputProps('extra_time_percent')}
          />
          <NumberInput
            w={150}
            label="And minutes"
            min={0}
            max={600}
            placeholder="0"
            {...form.getInputProps('extra_time_minutes')}
          />
        </Group>
        <FormError form={form} />
        <Button type="submit" size="xs" w="fit-content" loading={form.submitting}>
          Save extra time
        </Button>
      </Stack>
    </form>
  )
}

const OUTCOME_COLORS: Record<string, string> = {
  ok: 'green',
  wrong_code: 'orange',
  locked: 'red',
  expired: 'gray',
  revoked: 'gray',
}

function AccessLog({ inv }: { inv: Invitation }) {
  const log = useAccessLog(inv.id)
  const entries = log.data?.items ?? []
  // More than 5 attempts within an hour is what the server flags; show where it happened.
  const burst = (i: number) => {
    const t = new Date(entries[i].created_at).getTime()
    return entries.filter((e) => Math.abs(new Date(e.created_at).getTime() - t) <= 3_600_000).length > 5
  }
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        Access log
      </Title>
      {log.isError ? (
        <ErrorState error={log.error} onRetry={() => void log.refetch()} />
      ) : !log.data ? (
        <LoadingRows rows={3} />
      ) : entries.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nobody has opened this link yet.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={520}>
          <Table aria-label="Access log" verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>How</Table.Th>
                <Table.Th>Outcome</Table.Th>
                <Table.Th>IP</Table.Th>
                <Table.Th>Browser</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.map((e, i) => (
                <Table.Tr key={e.id} bg={burst(i) ? 'red.0' : undefined}>
                  <Table.Td>
                    <Text size="xs">{formatDateTime(e.created_at)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs">{e.method}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge size="xs" variant="light" color={OUTCOME_COLORS[e.outcome] ?? 'gray'}>
                      {e.outcome.replace('_', ' ')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs">{e.ip ?? '—'}</Text>
                  </Table.Td>
                  <Table.Td maw={180}>
                    <Text size="xs" lineClamp={1} title={e.user_agent ?? undefined}>
                      {e.user_agent ?? '—'}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  )
}
