import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Collapse,
  Group,
  NumberInput,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useState } from 'react'
import { ErrorState } from '../../components/states'
import { useAuth } from '../../lib/useAuth'
import { errorMessage } from '../../lib/problem'
import type { ApplicationDetail } from '../../queries/applications'
import {
  useCreateOffer,
  useDecideStep2,
  useOfferStatus,
  useOverride,
  useStep2,
  useStep3,
  type Override,
  type Step3Summary,
} from '../../queries/decisions'
import { PanelSummary } from './PanelSummary'

const failed = (e: unknown) =>
  notifications.show({ color: 'red', title: 'Not possible', message: errorMessage(e) })
const OUTCOME_COLORS: Record<string, string> = {
  pending: 'gray',
  advance: 'green',
  hire: 'green',
  reject: 'red',
}

function Step2Card({ app }: { app: ApplicationDetail }) {
  const step2 = useStep2(app.id)
  const decide = useDecideStep2()
  const { can } = useAuth()
  const [overriding, setOverriding] = useState(false)
  const [reason, setReason] = useState('')
  const s = step2.data
  if (step2.isError) return <ErrorState error={step2.error} onRetry={() => void step2.refetch()} />
  if (!s || (s.scorecards.length === 0 && s.pending === 0)) return null
  const opposite = s.outcome === 'advance' ? 'reject' : 'advance'
  const run = (decision: 'advance' | 'reject', why?: string) =>
    decide.mutate(
      { id: app.id, decision, reason: why },
      {
        onSuccess: () => notifications.show({ color: 'green', message: `Step 2: ${decision} recorded` }),
        onError: failed,
      },
    )
  return (
    <Card withBorder radius="md" aria-label="Step 2 decision">
      <Group justify="space-between">
        <Text fw={700}>Step 2 — panel result</Text>
        <Badge color={OUTCOME_COLORS[s.outcome]}>{s.outcome}</Badge>
      </Group>
      <Text size="sm" c="dimmed" mt={4}>
        {s.overall != null ? `Overall ${s.overall} / 5` : 'No score yet'} · bar {s.min_score}
        {s.any_no_hire ? ' · a panelist said no hire' : ''}
        {s.pending ? ` · ${s.pending} scorecard(s) missing` : ''}
      </Text>
      {s.decidable && can('decisions:step2') && (
        <Stack gap="xs" mt="sm">
          <Group gap="xs">
            <Button
              size="xs"
              color={s.outcome === 'advance' ? 'green' : 'red'}
              loading={decide.isPending}
              onClick={() => run(s.outcome as 'advance' | 'reject')}
            >
              Confirm: {s.outcome}
            </Button>
            <Button size="xs" variant="subtle" onClick={() => setOverriding((o) => !o)}>
              Override…
            </Button>
          </Group>
          <Collapse expanded={overriding}>
            <Stack gap="xs">
              <Textarea
                label={`Why ${opposite} instead?`}
                required
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                maxLength={1000}
              />
              <Button
                size="xs"
                w="fit-content"
                variant="light"
                disabled={reason.trim().length < 3}
                onClick={() => run(opposite, reason.trim())}
              >
                Override: {opposite}
              </Button>
            </Stack>
          </Collapse>
        </Stack>
      )}
    </Card>
  )
}

function OfferBox({ app, step3 }: { app: ApplicationDetail; step3: Step3Summary }) {
  const create = useCreateOffer()
  const status = useOfferStatus()
  const [salary, setSalary] = useState<number | string>('')
  const [currency, setCurrency] = useState('USD')
  const [start, setStart] = useState('')
  const offer = step3.offer
  if (!offer)
    return (
      <Stack gap="xs" mt="sm">
        <Text size="sm" fw={600}>
          Draft the offer
        </Text>
        <Group grow align="flex-start">
          <NumberInput
            label="Yearly salary"
            min={1}
            thousandSeparator=","
            value={salary}
            onChange={setSalary}
          />
          <TextInput
            label="Currency"
            value={currency}
            maxLength={3}
            onChange={(e) => setCurrency(e.currentTarget.value.toUpperCase())}
          />
          <TextInput
            label="Start date"
            type="date"
            value={start}
            onChange={(e) => setStart(e.currentTarget.value)}
          />
        </Group>
        <Button
          size="xs"
          w="fit-content"
          disabled={!salary || !start}
          loading={create.isPending}
          onClick={() =>
            create.mutate(
              { id: app.id, body: { salary: String(salary), currency, start_date: start } },
              { onError: failed },
            )
          }
        >
          Save draft offer
        </Button>
      </Stack>
    )
  const move = (s: 'sent' | 'accepted' | 'declined') =>
    status.mutate({ id: offer.id, status: s }, { onError: failed })
  return (
    <Group justify="space-between" mt="sm">
      <Text size="sm">
        Offer:{' '}
        <b>
          {Number(offer.salary).toLocaleString()} {offer.currency}
        </b>{' '}
        from {offer.start_date}{' '}
        <Badge variant="light" color={offer.status === 'declined' ? 'red' : 'blue'}>
          {offer.status}
        </Badge>
      </Text>
      <Group gap="xs">
        {offer.status === 'draft' && (
          <Button size="xs" loading={status.isPending} onClick={() => move('sent')}>
            Send to candidate
          </Button>
        )}
        {offer.status === 'sent' && (
          <>
            <Button size="xs" color="green" loading={status.isPending} onClick={() => move('accepted')}>
              Accepted
            </Button>
            <Button
              size="xs"
              variant="light"
              color="red"
              loading={status.isPending}
              onClick={() => move('declined')}
            >
              Declined
            </Button>
          </>
        )}
      </Group>
    </Group>
  )
}

function Step3Card({ app }: { app: ApplicationDetail }) {
  const step3 = useStep3(app.id)
  const { can } = useAuth()
  const s = step3.data
  if (step3.isError) return <ErrorState error={step3.error} onRetry={() => void step3.refetch()} />
  if (!s || s.decisions.length === 0) return null
  return (
    <Card withBorder radius="md" aria-label="Final decision">
      <Group justify="space-between">
        <Text fw={700}>Step 3 — final decision</Text>
        <Badge color={OUTCOME_COLORS[s.outcome]}>{s.outcome}</Badge>
      </Group>
      <Group gap="lg" mt={4}>
        {s.decisions.map((d) => (
          <Text key={d.id} size="sm">
            {d.seat.toUpperCase()}: <b>{Number(d.score)}</b> · {d.decision}
          </Text>
        ))}
        {s.final_score != null && (
          <Text size="sm" c="dimmed">
            Final {s.final_score} / 100{s.require_both ? ' · both seats must approve' : ''}
          </Text>
        )}
      </Group>
      {s.outcome === 'hire' && can('applications:move') && <OfferBox app={app} step3={s} />}
    </Card>
  )
}

function OverrideForm({ app, stageNames }: { app: ApplicationDetail; stageNames: Record<string, string> }) {
  const override = useOverride()
  const [open, setOpen] = useState(false)
  const [form, setForm] = useState<Override>({ action: 'move', reason: '', notify_candidate: false })
  return (
    <Stack gap="xs">
      <Button size="xs" variant="subtle" color="gray" w="fit-content" onClick={() => setOpen((o) => !o)}>
        Admin override…
      </Button>
      <Collapse expanded={open}>
        <Alert color="orange" variant="light" title="Override any step">
          <Stack gap="xs">
            <Group grow>
              <Select
                label="Action"
                allowDeselect={false}
                value={form.action}
                onChange={(v) => v && setForm({ ...form, action: v as Override['action'] })}
                data={[
                  { value: 'move', label: 'Move to a stage' },
                  { value: 'reject', label: 'Reject' },
                  { value: 'reinstate', label: 'Reinstate' },
                  { value: 'hire', label: 'Hire now' },
                ]}
              />
              {form.action === 'move' && (
                <Select
                  label="Stage"
                  value={form.stage_id ?? null}
                  onChange={(v) => setForm({ ...form, stage_id: v })}
                  data={Object.entries(stageNames).map(([value, name]) => ({ value, label: name }))}
                />
              )}
            </Group>
            <Textarea
              label="Reason (shown on the timeline and audited)"
              required
              value={form.reason}
              onChange={(e) => setForm({ ...form, reason: e.currentTarget.value })}
              maxLength={1000}
            />
            <Checkbox
              label="Email the candidate"
              checked={form.notify_candidate}
              onChange={(e) => setForm({ ...form, notify_candidate: e.currentTarget.checked })}
            />
            <Button
              size="xs"
              color="orange"
              w="fit-content"
              disabled={form.reason.trim().length < 3 || (form.action === 'move' && !form.stage_id)}
              loading={override.isPending}
              onClick={() =>
                override.mutate(
                  { id: app.id, body: { ...form, reason: form.reason.trim() } },
                  {
                    onSuccess: () => {
                      setOpen(false)
                      notifications.show({ color: 'green', message: 'Override recorded' })
                    },
                    onError: failed,
                  },
                )
              }
            >
              Apply override
            </Button>
          </Stack>
        </Alert>
      </Collapse>
    </Stack>
  )
}

/** The decisions part of an application: the panel at a glance, Step 2, Step 3 with the offer, and overrides. */
export function DecisionsPanel({
  app,
  stageNames,
}: {
  app: ApplicationDetail
  stageNames: Record<string, string>
}) {
  const { can } = useAuth()
  return (
    <Stack gap="sm">
      <PanelSummary applicationId={app.id} />
      <Step2Card app={app} />
      <Step3Card app={app} />
      {can('decisions:override') && <OverrideForm app={app} stageNames={stageNames} />}
    </Stack>
  )
}
