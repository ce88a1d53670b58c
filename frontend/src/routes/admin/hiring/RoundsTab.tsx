import {
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconPlus } from '@tabler/icons-react'
import { useState } from 'react'
import { RoundTemplateWrite } from '../../../api/limits'
import { FormError } from '../../../components/FormError'
import { DataTable, type Column } from '../../../components/PagedTable'
import { ErrorState, LoadingRows } from '../../../components/states'
import { apiRules, applyProblem } from '../../../lib/form'
import { useRoundTemplates, useSaveRoundTemplate, type RoundTemplate } from '../../../queries/hiringSettings'

type Kind = RoundTemplate['kind']
const KINDS = [
  'hr_screen',
  'assessment',
  'technical_interview',
  'executive_interview',
  'review',
  'offer',
].map((k) => ({ value: k, label: k.replace(/_/g, ' ') }))
const INTERVIEW_KINDS = ['hr_screen', 'technical_interview', 'executive_interview']

/** `System Design` → `system_design`: the key an attribute is stored and rated under. */
const attributeKey = (a: string) =>
  a
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')

function RoundModal({ round, onClose }: { round: RoundTemplate | null; onClose: () => void }) {
  const save = useSaveRoundTemplate()
  const form = useForm({
    initialValues: {
      name: round?.name ?? '',
      kind: (round?.kind ?? 'review') as Kind,
      duration_minutes: (round?.duration_minutes ?? '') as number | string,
      passing_score: (round?.passing_score != null ? Number(round.passing_score) : '') as number | string,
      in_default_pipeline: round?.in_default_pipeline ?? false,
      position: (round?.position ?? 20) as number | string,
      attributes: (round?.config?.scorecard_attributes as string[] | undefined) ?? [],
    },
    validate: apiRules(RoundTemplateWrite),
  })
  const interviewRound = INTERVIEW_KINDS.includes(form.values.kind)
  const submit = form.onSubmit(async (v) => {
    try {
      await save.mutateAsync({
        id: round?.id,
        body: {
          name: v.name.trim(),
          kind: v.kind,
          duration_minutes: v.duration_minutes === '' ? null : Number(v.duration_minutes),
          passing_score: v.passing_score === '' ? null : String(v.passing_score),
          in_default_pipeline: v.in_default_pipeline,
          position: Number(v.position) || 0,
          config: {
            ...(round?.config ?? {}),
            scorecard_attributes: interviewRound && v.attributes.length ? v.attributes : undefined,
          },
          is_active: true,
        },
      })
      onClose()
    } catch (err) {
      applyProblem(form, err, { config: 'attributes' })
    }
  })
  return (
    <Modal opened onClose={onClose} title={round ? `Edit ${round.name}` : 'New round'} centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput label="Name" required maxLength={120} {...form.getInputProps('name')} />
          <Select label="Kind" data={KINDS} allowDeselect={false} {...form.getInputProps('kind')} />
          <Group grow>
            <NumberInput
              label="Duration (minutes)"
              min={5}
              max={600}
              {...form.getInputProps('duration_minutes')}
            />
            <NumberInput
              label="Passing score (%)"
              min={0}
              max={100}
              {...form.getInputProps('passing_score')}
            />
          </Group>
          {interviewRound && (
            <TagsInput
              label="Scorecard attributes"
              description="What interviewers rate in this round (empty: technical, communication, problem solving, culture, leadership)."
              placeholder="e.g. system_design, then Enter"
              maxTags={10}
              {...form.getInputProps('attributes')}
              onChange={(v) => form.setFieldValue('attributes', v.map(attributeKey))}
            />
          )}
          <Checkbox
            label="Part of the default pipeline of new requisitions"
            {...form.getInputProps('in_default_pipeline', { type: 'checkbox' })}
          />
          <NumberInput
            label="Order in the default pipeline"
            min={0}
            max={100}
            {...form.getInputProps('position')}
          />
          <FormError form={form} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={form.submitting}>
              Save round
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}

const COLUMNS: Column<RoundTemplate>[] = [
  { header: 'Name', render: (r) => r.name, td: { fw: 600 } },
  { header: 'Kind', render: (r) => r.kind.replace(/_/g, ' ') },
  { header: 'Duration', render: (r) => (r.duration_minutes ? `${r.duration_minutes} min` : '—') },
  { header: 'Passing', render: (r) => (r.passing_score != null ? `${Number(r.passing_score)}%` : '—') },
  {
    header: 'Default pipeline',
    render: (r) => (r.in_default_pipeline ? <Badge variant="light">#{r.position}</Badge> : '—'),
  },
]

/** The round templates: what a pipeline stage can be, and the default pipeline of new requisitions. */
export function RoundsTab() {
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
      <DataTable
        label="Round templates"
        columns={COLUMNS}
        rows={rounds.data}
        rowKey={(r) => r.id}
        verticalSpacing="xs"
        onRowClick={setEditing}
      />
      {editing !== undefined && (
        <RoundModal key={editing?.id ?? 'new'} round={editing} onClose={() => setEditing(undefined)} />
      )}
    </Stack>
  )
}
