import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Grid,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  TagsInput,
  Table,
  Tabs,
  Text,
  TextInput,
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconPlus } from '@tabler/icons-react'
import { useState, type FormEvent } from 'react'
import { PageHeader } from '../../components/PageHeader'
import { ErrorState, LoadingRows } from '../../components/states'
import { ApiError, errorMessage, fieldErrors } from '../../lib/problem'
import { useRejectionReasons } from '../../queries/applications'
import {
  useAddRejectionReason,
  useOrganizationSettings,
  useRoundTemplates,
  useSaveRoundTemplate,
  useSaveSettings,
  type RoundTemplate,
} from '../../queries/hiringSettings'
import { LanguagesSection } from './LanguagesSection'

const KINDS = [
  'hr_screen',
  'assessment',
  'technical_interview',
  'executive_interview',
  'review',
  'offer',
].map((k) => ({ value: k, label: k.replace(/_/g, ' ') }))

const INTERVIEW_KINDS = ['hr_screen', 'technical_interview', 'executive_interview']

function RoundModal({ round, onClose }: { round: RoundTemplate | null; onClose: () => void }) {
  const [form, setForm] = useState({
    name: round?.name ?? '',
    kind: round?.kind ?? 'review',
    duration_minutes: round?.duration_minutes ?? ('' as number | string),
    passing_score: round?.passing_score != null ? Number(round.passing_score) : ('' as number | string),
    in_default_pipeline: round?.in_default_pipeline ?? false,
    position: round?.position ?? 20,
    attributes: ((round?.config?.scorecard_attributes as string[] | undefined) ?? []) as string[],
  })
  const [errors, setErrors] = useState<Record<string, string>>({})
  const interviewRound = INTERVIEW_KINDS.includes(form.kind)
  const save = useSaveRoundTemplate()
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    try {
      await save.mutateAsync({
        id: round?.id,
        body: {
          name: form.name.trim(),
          kind: form.kind as RoundTemplate['kind'],
          duration_minutes: form.duration_minutes === '' ? null : Number(form.duration_minutes),
          passing_score: form.passing_score === '' ? null : String(form.passing_score),
          in_default_pipeline: form.in_default_pipeline,
          position: Number(form.position) || 0,
          config: {
            ...(round?.config ?? {}),
            scorecard_attributes: interviewRound && form.attributes.length ? form.attributes : undefined,
          },
          is_active: true,
        } as never,
      })
      onClose()
    } catch (err) {
      const f = err instanceof ApiError ? fieldErrors(err.problem) : {}
      setErrors(Object.keys(f).length ? f : { form: errorMessage(err) })
    }
  }
  return (
    <Modal opened onClose={onClose} title={round ? `Edit ${round.name}` : 'New round'} centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label="Name"
            required
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
            error={errors.name}
            maxLength={120}
          />
          <Select
            label="Kind"
            data={KINDS}
            value={form.kind}
            onChange={(v) => v && setForm({ ...form, kind: v as RoundTemplate['kind'] })}
            allowDeselect={false}
          />
          <Group grow>
            <NumberInput
              label="Duration (minutes)"
              min={5}
              max={600}
              value={form.duration_minutes}
              onChange={(v) => setForm({ ...form, duration_minutes: v })}
              error={errors.duration_minutes}
            />
            <NumberInput
              label="Passing score (%)"
              min={0}
              max={100}
              value={form.passing_score}
              onChange={(v) => setForm({ ...form, passing_score: v })}
              error={errors.passing_score}
            />
          </Group>
          {interviewRound && (
            <TagsInput
              label="Scorecard attributes"
              description="What interviewers rate in this round (empty: technical, communication, problem solving, culture, leadership)."
              placeholder="e.g. system_design, then Enter"
              value={form.attributes}
              onChange={(v) =>
                setForm({
                  ...form,
                  attributes: v.map((a) =>
                    a
                      .trim()
                      .toLowerCase()
                      .replace(/[^a-z0-9]+/g, '_'),
                  ),
                })
              }
              maxTags={10}
              error={Object.entries(errors).find(([k]) => k.startsWith('config'))?.[1]}
            />
          )}
          <Checkbox
            label="Part of the default pipeline of new requisitions"
            checked={form.in_default_pipeline}
            onChange={(e) => setForm({ ...form, in_default_pipeline: e.currentTarget.checked })}
          />
          <NumberInput
            label="Order in the default pipeline"
            min={0}
            max={100}
            value={form.position}
            onChange={(v) => setForm({ ...form, position: Number(v) || 0 })}
          />
          {errors.form && (
            <Text c="red" size="sm" role="alert">
              {errors.form}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save round
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}

function Rounds() {
  const rounds = useRoundTemplates()
  const [editing, setEditing] = useState<RoundTemplate | null | undefined>(undefined)
  if (rounds.isError) return <ErrorState error={rounds.error} onRetry={() => void rounds.refetch()} />
  if (!rounds.data) return <LoadingRows />
  return (
    <Stack>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          New requisitions start with the default rounds, in order.
        </Text>
        <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setEditing(null)}>
          New round
        </Button>
      </Group>
      <Table verticalSpacing="xs" highlightOnHover aria-label="Round templates">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Kind</Table.Th>
            <Table.Th>Duration</Table.Th>
            <Table.Th>Passing</Table.Th>
            <Table.Th>Default pipeline</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rounds.data.map((r) => (
            <Table.Tr key={r.id} style={{ cursor: 'pointer' }} onClick={() => setEditing(r)}>
              <Table.Td fw={600}>{r.name}</Table.Td>
              <Table.Td>{r.kind.replace(/_/g, ' ')}</Table.Td>
              <Table.Td>{r.duration_minutes ? `${r.duration_minutes} min` : '—'}</Table.Td>
              <Table.Td>{r.passing_score != null ? `${Number(r.passing_score)}%` : '—'}</Table.Td>
              <Table.Td>
                {r.in_default_pipeline ? <Badge variant="light">#{r.position}</Badge> : '—'}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {editing !== undefined && (
        <RoundModal key={editing?.id ?? 'new'} round={editing} onClose={() => setEditing(undefined)} />
      )}
    </Stack>
  )
}

function Reasons() {
  const reasons = useRejectionReasons()
  const add = useAddRejectionReason()
  const [label, setLabel] = useState('')
  const [error, setError] = useState<string | null>(null)
  return (
    <Stack>
      <Group align="flex-end">
        <TextInput
          style={{ flex: 1 }}
          label="New reason"
          value={label}
          onChange={(e) => setLabel(e.currentTarget.value)}
          error={error}
          maxLength={120}
        />
        <Button
          disabled={label.trim().length < 2}
          loading={add.isPending}
          onClick={() =>
            add.mutate(label.trim(), {
              onSuccess: () => {
                setLabel('')
                setError(null)
              },
              onError: (e) => setError(errorMessage(e)),
            })
          }
        >
          Add
        </Button>
      </Group>
      {!reasons.data ? (
        <LoadingRows rows={3} />
      ) : (
        <Group gap="xs">
          {reasons.data.map((r) => (
            <Badge key={r.id} variant="light" size="lg" tt="none">
              {r.label}
            </Badge>
          ))}
        </Group>
      )}
    </Stack>
  )
}

function Policies() {
  const org = useOrganizationSettings()
  const save = useSaveSettings()
  const [draft, setDraft] = useState<Record<string, number | string> | null>(null)
  const [errors, setErrors] = useState<Record<string, string>>({})
  if (org.isError) return <ErrorState error={org.error} />
  if (!org.data) return <LoadingRows />
  const s = org.data.settings
  const values = draft ?? {
    time_zone: s.time_zone,
    auto_advance: s.thresholds.auto_advance,
    manual_review: s.thresholds.manual_review,
    step2_min_score: s.step2_min_score,
    cto_weight: s.final_decision.cto_weight,
    step1_days: s.link_rules.step1.default_days,
    step2_days: s.link_rules.step2.default_days,
  }
  const set = (k: string) => (v: number | string) => setDraft({ ...values, [k]: v })
  const submit = async () => {
    try {
      await save.mutateAsync({
        time_zone: values.time_zone,
        thresholds: {
          auto_advance: Number(values.auto_advance),
          manual_review: Number(values.manual_review),
        },
        step2_min_score: Number(values.step2_min_score),
        final_decision: {
          cto_weight: Number(values.cto_weight),
          ceo_weight: Math.round((1 - Number(values.cto_weight)) * 100) / 100,
        },
        link_rules: {
          step1: { default_days: Number(values.step1_days) },
          step2: { default_days: Number(values.step2_days) },
        },
      })
      setDraft(null)
      setErrors({})
      notifications.show({ color: 'green', message: 'Settings saved' })
    } catch (e) {
      setErrors(
        e instanceof ApiError ? { form: e.message, ...fieldErrors(e.problem) } : { form: errorMessage(e) },
      )
    }
  }
  return (
    <Stack>
      {errors.form && (
        <Alert color="red" role="alert">
          {errors.form}
        </Alert>
      )}
      <Grid>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <TextInput
            label="Time zone"
            description="IANA name, e.g. Europe/Berlin"
            value={String(values.time_zone)}
            onChange={(e) => set('time_zone')(e.currentTarget.value)}
            error={errors.time_zone}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, md: 4 }}>
          <NumberInput
            label="Step 1: advance automatically at (%)"
            min={0}
            max={100}
            value={values.auto_advance}
            onChange={set('auto_advance')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, md: 4 }}>
          <NumberInput
            label="Step 1: manual review from (%)"
            min={0}
            max={100}
            value={values.manual_review}
            onChange={set('manual_review')}
            error={errors.thresholds}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, md: 4 }}>
          <NumberInput
            label="Step 2: minimum overall rating (1–5)"
            min={1}
            max={5}
            step={0.5}
            decimalScale={1}
            value={values.step2_min_score}
            onChange={set('step2_min_score')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, md: 4 }}>
          <NumberInput
            label="Step 3: CTO weight (CEO gets the rest)"
            min={0}
            max={1}
            step={0.1}
            decimalScale={2}
            value={values.cto_weight}
            onChange={set('cto_weight')}
            error={errors.final_decision}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, md: 2 }}>
          <NumberInput
            label="Step 1 link days"
            min={1}
            max={30}
            value={values.step1_days}
            onChange={set('step1_days')}
            error={errors['link_rules.step1']}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, md: 2 }}>
          <NumberInput
            label="Step 2 link days"
            min={1}
            max={14}
            value={values.step2_days}
            onChange={set('step2_days')}
            error={errors['link_rules.step2']}
          />
        </Grid.Col>
      </Grid>
      <Group justify="flex-end">
        <Button disabled={!draft} loading={save.isPending} onClick={submit}>
          Save settings
        </Button>
      </Group>
    </Stack>
  )
}

export function HiringSettingsPage() {
  return (
    <>
      <PageHeader
        title="Hiring settings"
        description="Rounds of the default pipeline, rejection reasons, and the thresholds of each step."
      />
      <Card withBorder radius="md">
        <Tabs defaultValue="rounds">
          <Tabs.List mb="md">
            <Tabs.Tab value="rounds">Pipeline rounds</Tabs.Tab>
            <Tabs.Tab value="reasons">Rejection reasons</Tabs.Tab>
            <Tabs.Tab value="policies">Thresholds &amp; links</Tabs.Tab>
            <Tabs.Tab value="languages">Languages</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="rounds">
            <Rounds />
          </Tabs.Panel>
          <Tabs.Panel value="reasons">
            <Reasons />
          </Tabs.Panel>
          <Tabs.Panel value="policies">
            <Policies />
          </Tabs.Panel>
          <Tabs.Panel value="languages">
            <LanguagesSection />
          </Tabs.Panel>
        </Tabs>
      </Card>
    </>
  )
}
