import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  Tooltip,
  UnstyledButton,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import {
  IconAlertTriangle,
  IconCalendarPlus,
  IconFlag,
  IconLock,
  IconMailForward,
  IconSettings,
} from '@tabler/icons-react'
import { lazy, Suspense, useState } from 'react'
import { BulkExtend } from '../../api/limits'
import { FormError } from '../../components/FormError'
import { PageHeader } from '../../components/PageHeader'
import { PagedTable, type Column } from '../../components/PagedTable'
import { EmptyState } from '../../components/states'
import { formatDateTime, formatRelative } from '../../lib/format'
import { apiRules, applyProblem } from '../../lib/form'
import { notifyError, notifySuccess } from '../../lib/notify'
import { useAuth } from '../../lib/useAuth'
import { useCursorStack } from '../../lib/useCursorStack'
import {
  useBulkExtend,
  useBulkResend,
  useInvitations,
  useLinkStats,
  type Invitation,
  type LinkState,
} from '../../queries/assessments'
import { LinkDrawer } from './LinkDrawer'
import { LINK_STATES, STATE_LABEL, extraTime } from './labels'

// The chart library is heavy: only this page downloads it, after the list.
const LinkStatsChart = lazy(() => import('./LinkStatsChart'))

const PAGE_SIZE = 25

export function LinksPage() {
  const { can } = useAuth()
  const canExtend = can('links:extend_any') || can('links:extend_own')
  const [state, setState] = useState<LinkState | null>(null)
  const [mine, setMine] = useState(false)
  const [flagged, setFlagged] = useState(false)
  const [sort, setSort] = useState('-created_at')
  const [selected, setSelected] = useState<Set<string>>(new Set())
  const [open, setOpen] = useState<string | null>(null)
  const [extending, setExtending] = useState(false)
  const filters = { sort, state: state ?? undefined, mine: mine || undefined, flagged: flagged || undefined }
  const pager = useCursorStack(JSON.stringify(filters))
  const links = useInvitations({ ...filters, limit: PAGE_SIZE, cursor: pager.cursor })
  const stats = useLinkStats(mine)
  const resend = useBulkResend()
  const rows = links.data?.items ?? []

  const toggle = (id: string) =>
    setSelected((s) => {
      const n = new Set(s)
      if (n.has(id)) n.delete(id)
      else n.add(id)
      return n
    })

  const bulkResend = () =>
    resend.mutate([...selected], {
      onSuccess: (r) => {
        notifySuccess(
          `${r.done.length} link${r.done.length === 1 ? '' : 's'} resent` +
            (r.skipped.length ? `; ${r.skipped.length} skipped (${r.skipped[0].reason})` : ''),
        )
        setSelected(new Set())
      },
      onError: notifyError,
    })

  const columns: Column<Invitation>[] = [
    {
      header: 'Select',
      hiddenHeader: true,
      render: (i) => (
        <Checkbox
          aria-label={`Select ${i.candidate_name}`}
          checked={selected.has(i.id)}
          onChange={() => toggle(i.id)}
          onClick={(e) => e.stopPropagation()}
        />
      ),
    },
    {
      header: 'Candidate',
      render: (i) => (
        <Stack gap={0}>
          <Text size="sm" fw={600}>
            {i.candidate_name}
          </Text>
          <Text size="xs" c="dimmed">
            {i.candidate_email}
          </Text>
        </Stack>
      ),
    },
    {
      header: 'Assessment',
      render: (i) => (
        <Stack gap={0}>
          <Text size="sm">{i.assessment_name ?? '—'}</Text>
          <Text size="xs" c="dimmed">
            {i.job_title}
          </Text>
        </Stack>
      ),
    },
    {
      header: 'State',
      render: (i) => (
        <Group gap={4} wrap="nowrap">
          <Badge variant="light" color={STATE_LABEL[i.state].color}>
            {STATE_LABEL[i.state].label}
          </Badge>
          {i.flagged_at && (
            <Tooltip label="More than 5 attempts to open it within an hour">
              <Badge color="red" variant="filled" leftSection={<IconFlag size={10} />}>
                Flagged
              </Badge>
            </Tooltip>
          )}
          {i.credentials_locked && (
            <Tooltip label="Too many wrong access codes: regenerate to unlock">
              <Badge color="orange" variant="light" leftSection={<IconLock size={10} />}>
                Locked
              </Badge>
            </Tooltip>
          )}
        </Group>
      ),
    },
    {
      header: 'Expires',
      sort: 'expires_at',
      // A used link's expiry no longer matters: say when the test was taken instead.
      render: (i) =>
        i.state === 'completed' || i.state === 'started' ? (
          <Stack gap={0}>
            <Text size="sm">
              {i.state === 'completed' ? 'Completed' : 'Started'}{' '}
              {formatRelative(i.state === 'completed' ? i.completed_at : i.started_at)}
            </Text>
            <Text size="xs" c="dimmed">
              {formatDateTime(i.state === 'completed' ? i.completed_at : i.started_at)}
            </Text>
          </Stack>
        ) : (
          <Stack gap={0}>
            <Text size="sm">{formatRelative(i.expires_at)}</Text>
            <Text size="xs" c="dimmed">
              {formatDateTime(i.expires_at)}
              {i.weekend_extended ? ' · moved off a weekend' : ''}
            </Text>
          </Stack>
        ),
    },
    { header: 'Extra time', render: (i) => extraTime(i) ?? '—' },
    {
      header: 'Sent',
      sort: 'created_at',
      render: (i) => formatRelative(i.sent_at ?? i.created_at),
      td: (i) => ({ title: formatDateTime(i.sent_at ?? i.created_at) }),
    },
    {
      header: 'Manage',
      hiddenHeader: true,
      render: (i) => (
        <ActionIcon
          variant="subtle"
          color="gray"
          aria-label={`Manage the link of ${i.candidate_name}`}
          onClick={(e) => {
            e.stopPropagation()
            setOpen(i.id)
          }}
        >
          <IconSettings size={18} />
        </ActionIcon>
      ),
    },
  ]

  const filtered = !!state || mine || flagged
  return (
    <>
      <PageHeader
        title="Links"
        description="Every assessment link sent to candidates: who has started, who has not, what expires soon."
      />
      <SimpleGrid cols={{ base: 2, sm: 4, lg: 7 }} mb="md" spacing="sm">
        {LINK_STATES.map((s) => (
          <StatCard
            key={s.value}
            label={s.label}
            color={s.color}
            value={stats.data?.[s.value]}
            active={state === s.value}
            onClick={() => setState(state === s.value ? null : s.value)}
          />
        ))}
        <StatCard
          label="Flagged"
          color="red"
          value={stats.data?.flagged}
          active={flagged}
          onClick={() => setFlagged(!flagged)}
        />
      </SimpleGrid>
      {stats.data && (
        <Suspense fallback={null}>
          <LinkStatsChart stats={stats.data} />
        </Suspense>
      )}
      {selected.size > 0 && (
        <Card withBorder radius="md" mb="md" p="xs" bg="indigo.0" role="region" aria-label="Bulk actions">
          <Group justify="space-between">
            <Text size="sm" fw={600}>
              {selected.size} selected
            </Text>
            <Group gap="xs">
              <Button
                size="xs"
                variant="light"
                leftSection={<IconMailForward size={14} />}
                loading={resend.isPending}
                onClick={bulkResend}
              >
                Resend
              </Button>
              {canExtend && (
                <Button
                  size="xs"
                  variant="light"
                  leftSection={<IconCalendarPlus size={14} />}
                  onClick={() => setExtending(true)}
                >
                  Extend…
                </Button>
              )}
              <Button size="xs" variant="subtle" onClick={() => setSelected(new Set())}>
                Clear
              </Button>
            </Group>
          </Group>
        </Card>
      )}
      <PagedTable
        label="Assessment links"
        query={links}
        pager={pager}
        pageSize={PAGE_SIZE}
        columns={columns}
        rowKey={(i) => i.id}
        sort={sort}
        onSort={setSort}
        onRowClick={(i) => setOpen(i.id)}
        rowLabel={(i) => `Link of ${i.candidate_name}, ${STATE_LABEL[i.state].label}`}
        minWidth={900}
        filters={
          <Group gap="md" wrap="wrap">
            <Select
              aria-label="Filter by state"
              placeholder="All states"
              clearable
              w={200}
              data={LINK_STATES.map((s) => ({ value: s.value, label: s.label }))}
              value={state}
              onChange={(v) => setState(v as LinkState | null)}
            />
            <Switch label="My candidates" checked={mine} onChange={(e) => setMine(e.currentTarget.checked)} />
            <Switch
              label="Flagged only"
              checked={flagged}
              onChange={(e) => setFlagged(e.currentTarget.checked)}
            />
            {rows.length > 0 && (
              <Button
                size="xs"
                variant="subtle"
                onClick={() => setSelected(new Set([...selected, ...rows.map((r) => r.id)]))}
              >
                Select all on this page
              </Button>
            )}
          </Group>
        }
        empty={
          <EmptyState title={filtered ? 'No links match these filters' : 'No links sent yet'}>
            {filtered
              ? 'Clear a filter to see more.'
              : 'Links are sent when a candidate enters an assessment stage, or with "Send test" on the board.'}
          </EmptyState>
        }
      />
      {extending && (
        <BulkExtendModal
          ids={[...selected]}
          onClose={() => setExtending(false)}
          onDone={() => setSelected(new Set())}
        />
      )}
      <LinkDrawer id={open} onClose={() => setOpen(null)} />
    </>
  )
}

function StatCard({
  label,
  value,
  color,
  active,
  onClick,
}: {
  label: string
  value: number | undefined
  color: string
  active: boolean
  onClick: () => void
}) {
  return (
    <UnstyledButton onClick={onClick} aria-pressed={active}>
      <Card
        withBorder
        radius="md"
        p="sm"
        style={{
          borderColor: active ? `var(--mantine-color-${color}-6)` : undefined,
          borderWidth: active ? 2 : 1,
        }}
      >
        <Text size="xs" c="dimmed" fw={600} tt="uppercase" truncate>
          {label}
        </Text>
        <Group gap={6} align="baseline">
          <Text size="xl" fw={800} c={value ? color : undefined}>
            {value ?? '…'}
          </Text>
          {label === 'Flagged' && !!value && (
            <IconAlertTriangle size={16} color="var(--mantine-color-red-7)" />
          )}
        </Group>
      </Card>
    </UnstyledButton>
  )
}

function BulkExtendModal({
  ids,
  onClose,
  onDone,
}: {
  ids: string[]
  onClose: () => void
  onDone: () => void
}) {
  const extend = useBulkExtend()
  const form = useForm({
    initialValues: { days: 3 as number | string, reason: '' },
    validate: apiRules(BulkExtend, { messages: { days: 'How many days?' } }),
  })
  const submit = form.onSubmit(async (v) => {
    try {
      const r = await extend.mutateAsync({
        invitation_ids: ids,
        days: Number(v.days),
        reason: v.reason || null,
      })
      notifySuccess(
        `${r.done.length} link${r.done.length === 1 ? '' : 's'} extended` +
          (r.skipped.length
            ? `; ${r.skipped.length} skipped: ${r.skipped.map((s) => s.reason).join('; ')}`
            : ''),
      )
      onDone()
      onClose()
    } catch (err) {
      applyProblem(form, err)
    }
  })
  return (
    <Modal
      opened
      onClose={onClose}
      title={`Extend ${ids.length} link${ids.length === 1 ? '' : 's'}`}
      centered
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <NumberInput label="Days to add" min={1} max={365} required {...form.getInputProps('days')} />
          <Textarea label="Reason (optional)" autosize {...form.getInputProps('reason')} />
          <Text size="xs" c="dimmed">
            Each link follows its own limit: a recruiter extends their own candidates' links up to the step's
            maximum; the others are listed as skipped.
          </Text>
          <FormError form={form} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={form.submitting}>
              Extend
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
