import {
  Button,
  Card,
  Grid,
  Group,
  NumberInput,
  Select,
  Stack,
  Text,
  TagsInput,
  Textarea,
  TextInput,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { useNavigate, useParams } from 'react-router'
import { RequisitionCreate } from '../../api/limits'
import { FormError } from '../../components/FormError'
import { PageHeader } from '../../components/PageHeader'
import { ErrorState, LoadingRows } from '../../components/states'
import { apiRules, applyProblem } from '../../lib/form'
import { notifySuccess } from '../../lib/notify'
import { useHiringManagers } from '../../queries/users'
import {
  useRequisition,
  useSaveRequisition,
  type RequisitionCreate as RequisitionBody,
  type RequisitionDetail,
} from '../../queries/requisitions'
import { EMPLOYMENT_TYPES, EXPERIENCE_LEVELS } from './requisitionStatus'

function initial(r?: RequisitionDetail) {
  return {
    title: r?.title ?? '',
    department: r?.department ?? '',
    location: r?.location ?? '',
    employment_type: r?.employment_type ?? 'full_time',
    experience_level: r?.experience_level ?? 'mid',
    description: r?.description ?? '',
    requirements: r?.requirements ?? '',
    required_skills: r?.required_skills.map((s) => s.name) ?? [],
    salary_min: (r?.salary_min != null ? Number(r.salary_min) : '') as number | string,
    salary_max: (r?.salary_max != null ? Number(r.salary_max) : '') as number | string,
    currency: r?.currency ?? 'USD',
    positions_available: (r?.positions_available ?? 1) as number | string,
    hiring_manager_id: r?.hiring_manager_id ?? null,
    passing_score: (r ? Number(r.passing_score) : 70) as number | string,
    stage_weights: {
      assessment: r?.stage_weights.assessment ?? 0.3,
      technical_interview: r?.stage_weights.technical_interview ?? 0.4,
      executive_interview: r?.stage_weights.executive_interview ?? 0.3,
    } as Record<string, number | string>,
  }
}
type Values = ReturnType<typeof initial>

function body(v: Values): RequisitionBody {
  const decimal = (n: number | string) => (n === '' ? null : String(n))
  return {
    title: v.title.trim(),
    department: v.department.trim() || null,
    location: v.location.trim() || null,
    employment_type: v.employment_type,
    experience_level: v.experience_level,
    description: v.description,
    requirements: v.requirements,
    required_skills: v.required_skills.map((name) => ({ name, proficiency: 'intermediate' as const })),
    salary_min: decimal(v.salary_min),
    salary_max: decimal(v.salary_max),
    currency: v.currency,
    positions_available: Number(v.positions_available) || 1,
    hiring_manager_id: v.hiring_manager_id,
    passing_score: decimal(v.passing_score) ?? '70',
    stage_weights: Object.fromEntries(Object.entries(v.stage_weights).map(([k, w]) => [k, Number(w) || 0])),
  }
}

function RequisitionForm({ existing }: { existing?: RequisitionDetail }) {
  const save = useSaveRequisition()
  const managers = useHiringManagers()
  const navigate = useNavigate()
  const form = useForm({
    initialValues: initial(existing),
    validate: apiRules(RequisitionCreate, {
      messages: { title: 'Give the role a title.' },
      extra: (v) => ({
        title: v.title.trim().length === 1 ? 'Give the role a title.' : null,
        salary_max:
          v.salary_min !== '' && v.salary_max !== '' && Number(v.salary_min) > Number(v.salary_max)
            ? 'The maximum must not be below the minimum.'
            : null,
      }),
    }),
  })

  const submit = form.onSubmit(async (v) => {
    try {
      const saved = await save.mutateAsync({ id: existing?.id, body: body(v) })
      notifySuccess(existing ? 'Requisition saved' : 'Draft created — publish it when ready')
      void navigate(`/requisitions/${saved.id}`)
    } catch (err) {
      applyProblem(form, err)
    }
  })

  return (
    <Card withBorder radius="md" component="form" onSubmit={submit} noValidate>
      <Stack>
        <FormError form={form} />
        <Grid>
          <Grid.Col span={{ base: 12, md: 8 }}>
            <TextInput label="Title" required maxLength={200} {...form.getInputProps('title')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Select
              label="Hiring manager"
              data={(managers.data ?? []).map((u) => ({ value: u.id, label: u.full_name }))}
              clearable
              searchable
              {...form.getInputProps('hiring_manager_id')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <TextInput label="Department" {...form.getInputProps('department')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <TextInput label="Location" {...form.getInputProps('location')} />
          </Grid.Col>
          <Grid.Col span={{ base: 6, md: 2 }}>
            <Select
              label="Type"
              data={EMPLOYMENT_TYPES}
              allowDeselect={false}
              {...form.getInputProps('employment_type')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, md: 2 }}>
            <Select
              label="Level"
              data={EXPERIENCE_LEVELS}
              allowDeselect={false}
              {...form.getInputProps('experience_level')}
            />
          </Grid.Col>
          <Grid.Col span={12}>
            <Textarea
              label="Description"
              description="Shown on the job board. Required to publish."
              autosize
              minRows={4}
              {...form.getInputProps('description')}
            />
          </Grid.Col>
          <Grid.Col span={12}>
            <Textarea label="Requirements" autosize minRows={3} {...form.getInputProps('requirements')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <TagsInput
              label="Required skills"
              placeholder="Type and press Enter"
              maxTags={RequisitionCreate.required_skills.maxItems}
              {...form.getInputProps('required_skills')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 4, md: 2 }}>
            <NumberInput
              label="Salary from"
              min={0}
              thousandSeparator=","
              {...form.getInputProps('salary_min')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 4, md: 2 }}>
            <NumberInput
              label="Salary to"
              min={0}
              thousandSeparator=","
              {...form.getInputProps('salary_max')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 4, md: 1 }}>
            <TextInput
              label="Currency"
              maxLength={3}
              {...form.getInputProps('currency')}
              onChange={(e) => form.setFieldValue('currency', e.currentTarget.value.toUpperCase())}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 4, md: 1 }}>
            <NumberInput label="Positions" min={1} max={500} {...form.getInputProps('positions_available')} />
          </Grid.Col>
          <Grid.Col span={12}>
            <Text fw={600} size="sm">
              Scoring policy
            </Text>
            <Text size="xs" c="dimmed">
              The overall score is the weighted mean of the stage scores a candidate has; they pass at the
              passing score.
            </Text>
          </Grid.Col>
          <Grid.Col span={{ base: 6, md: 3 }}>
            <NumberInput
              label="Passing score (%)"
              min={0}
              max={100}
              {...form.getInputProps('passing_score')}
            />
          </Grid.Col>
          {Object.keys(form.values.stage_weights).map((kind) => (
            <Grid.Col key={kind} span={{ base: 6, md: 3 }}>
              <NumberInput
                label={`Weight: ${kind.replace(/_/g, ' ')}`}
                min={0}
                max={10}
                step={0.1}
                decimalScale={2}
                {...form.getInputProps(`stage_weights.${kind}`)}
              />
            </Grid.Col>
          ))}
        </Grid>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => void navigate(-1)}>
            Cancel
          </Button>
          <Button type="submit" loading={form.submitting}>
            {existing ? 'Save changes' : 'Create draft'}
          </Button>
        </Group>
      </Stack>
    </Card>
  )
}

export function RequisitionFormPage() {
  const { id } = useParams()
  const existing = useRequisition(id)
  return (
    <>
      <PageHeader
        title={id ? 'Edit requisition' : 'New requisition'}
        description={
          id ? existing.data?.title : "It starts as a draft with your organization's default pipeline."
        }
      />
      {id && existing.isError ? (
        <ErrorState error={existing.error} />
      ) : id && !existing.data ? (
        <LoadingRows />
      ) : (
        <RequisitionForm existing={existing.data} />
      )}
    </>
  )
}
