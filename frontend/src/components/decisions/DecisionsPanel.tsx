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
import { useForm } from '@mantine/form'
import { useState } from 'react'
import { OfferCreate, Override as OverrideLimits, Step2Decision } from '../../api/limits'
import { apiRules, applyProblem } from '../../lib/form'
import { notifyError, notifySuccess } from '../../lib/notify'
import { useAuth } from '../../lib/useAuth'
import { FormError } from '../FormError'
import { ErrorState } from '../states'
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

const failed = (e: unknown) => notifyError(e, 'Not possible')
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
  const override = useForm({
    initialValues: { reason: '' },
    validate: apiRules(Step2Decision, {
      extra: ({ reason }) => ({ reason: reason.trim().length < 3 ? 'Say why, in a few words.' : null }),
    }),
  })
  const s = step2.data
  if (step2.isError) return <ErrorState error={step2.error} onRetry={() => void step2.refetch()} />
  if (!s || (s.scorecards.length === 0 && s.pending === 0)) return null
  const opposite = s.outcome === 'advance' ? 'reject' : 'advance'
  const run = (decision: 'advance' | 'reject', why?: string) =>
    decide.mutateAsync({ id: app.id, decision, reason: why }).then(() => {
      notifySuccess(`Step 2: ${decision} recorded`)
    })
  const submitOverride = override.onSubmit(async ({ reason }) => {
    try {
      await run(opposite, reason.trim())
    } catch (err) {
      applyProblem(override, err)
    }
  })
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
              onClick={() => run(s.outcome as 'advance' | 'reject').catch(failed)}
            >
              Confirm: {s.outcome}
            </Button>
            <Button size="xs" variant="subtle" onClick={() => setOverriding((o) => !o)}>
              Override…
            </Button>
          </Group>
          <Collapse expanded={overriding}>
            <form onSubmit={submitOverride} noValidate>
              <Stack gap="xs">
                <Textarea
                  label={`Why ${opposite} instead?`}
                  required
                  maxLength={1000}
                  {...override.getInputProps('reason')}
                />
                <FormError form={override} />
                <Button
                  type="submit"
                  size="xs"
                  w="fit-content"
                  variant="light"
                  disabled={override.values.reason.trim().length < 3}
                  loading={override.submitting}
                >
                  Override: {opposite}
                </Button>
              </Stack>
            </form>
          </Collapse>
        </Stack>
      )}
    </Card>
  )
}

function OfferBox({ app, step3 }: { app: ApplicationDetail; step3: Step3Summary }) {
  const create = useCreateOffer()
  const status = useOfferStatus()
  const form = useForm({
    initialValues: { salary: '' as number | string, currency: 'USD', start_date: '' },
    validate: apiRules(OfferCreate, {
      messages: { salary: 'Enter the yearly salary.', start_date: 'Pick the start date.' },
    }),
  })
  const submit = form.onSubmit(async (v) => {
    try {
      await create.mutateAsync({
        id: app.id,
        body: { salary: String(v.salary), currency: v.currency, start_date: v.start_date },
      })
    } catch (err) {
      applyProblem(form, err)
    }
  })
  const offer = step3.offer
  if (!offer)
    return (
      <form onSubmit={submit} noValidate>
        <Stack gap="xs" mt="sm">
          <Text size="sm" fw={600}>
            Draft the offer
          </Text>
          <Group grow align="flex-start">
            <NumberInput
              label="Yearly salary"
              min={1}
              thousandSeparator=","
              {...form.getInputProps('salary')}
            />
            <TextInput
              label="Currency"
              maxLength={3}
              {...form.getInputProps('currency')}
              onChange={(e) => form.setFieldValue('currency', e.currentTarget.value.toUpperCase())}
            />
            <TextInput label="Start date" type="date" {...form.getInputProps('start_date')} />
          </Group>
          <FormError form={form} />
          <Button
            type="submit"
            size="xs"
            w="fit-content"
            disabled={!form.values.salary || !form.values.start_date}
            loading={form.submitting}
          >
            Save draft offer
          </Button>
        </Stack>
      </form>
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
  const form = useForm<Override>({
    initialValues: { action: 'move', reason: '', notify_candidate: false, stage_id: null },
    validate: apiRules<Override>(OverrideLimits, {
      messages: { reason: 'Say why: it is shown on the timeline and audited.' },
      extra: (v) => ({ stage_id: v.action === 'move' && !v.stage_id ? 'Pick the stage.' : null }),
    }),
  })
  const submit = form.onSubmit(async (v) => {
    try {
      await override.mutateAsync({ id: app.id, body: { ...v, reason: v.reason.trim() } })
      setOpen(false)
      form.reset()
      notifySuccess('Override recorded')
    } catch (err) {
      applyProblem(form, err)
    }
  })
  return (
    <Stack gap="xs">
      <Button size="xs" variant="subtle" color="gray" w="fit-content" onClick={() => setOpen((o) => !o)}>
        Admin override…
      </Button>
      <Collapse expanded={open}>
        <Alert color="orange" variant="light" title="Override any step">
          <form onSubmit={submit} noValidate>
            <Stack gap="xs">
              <Group grow>
                <Select
                  label="Action"
                  allowDeselect={false}
                  data={[
                    { value: 'move', label: 'Move to a stage' },
                    { value: 'reject', label: 'Reject' },
                    { value: 'reinstate', label: 'Reinstate' },
                    { value: 'hire', label: 'Hire now' },
                  ]}
                  {...form.getInputProps('action')}
                />
                {form.values.action === 'move' && (
                  <Select
                    label="Stage"
                    data={Object.entries(stageNames).map(([value, name]) => ({ value, label: name }))}
                    {...form.getInputProps('stage_id')}
                  />
                )}
              </Group>
              <Textarea
                label="Reason (shown on the timeline and audited)"
                required
                maxLength={1000}
                {...form.getInputProps('reason')}
              />
              <Checkbox
                label="Email the candidate"
                {...form.getInputProps('notify_candidate', { type: 'checkbox' })}
              />
              <FormError form={form} />
              <Button type="submit" size="xs" color="orange" w="fit-content" loading={form.submitting}>
                Apply override
              </Button>
            </Stack>
          </form>
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
