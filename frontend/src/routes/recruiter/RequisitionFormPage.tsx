import {
  Alert,
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
import { notifications } from '@mantine/notifications'
import { useState, type FormEvent } from 'react'
import { useNavigate, useParams } from 'react-router'
import { PageHeader } from '../../components/PageHeader'
import { ErrorState, LoadingRows } from '../../components/states'
import { ApiError, errorMessage, fieldErrors } from '../../lib/problem'
import {
  useHiringManagers,
  useRequisition,
  useSaveRequisition,
  type RequisitionCreate,
  type RequisitionDetail,
} from '../../queries/requisitions'
import { EMPLOYMENT_TYPES, EXPERIENCE_LEVELS } from './requisitionStatus'

type Form = {
  title: string
  department: string
  location: string
  employment_type: string
  experience_level: string
  description: string
  requirements: string
  skills: string[]
  salary_min: number | string
  salary_max: number | string
  currency: string
  positions_available: number | string
  hiring_manager_id: string | null
  passing_score: number | string
  weights: Record<string, number | string>
}

function initial(r?: RequisitionDetail): Form {
  return {
    title: r?.title ?? '',
    department: r?.department ?? '',
    location: r?.location ?? '',
    employment_type: r?.employment_type ?? 'full_time',
    experience_level: r?.experience_level ?? 'mid',
    description: r?.description ?? '',
    requirements: r?.requirements ?? '',
    skills: r?.required_skills.map((s) => s.name) ?? [],
    salary_min: r?.salary_min != null ? Number(r.salary_min) : '',
    salary_max: r?.salary_max != null ? Number(r.salary_max) : '',
    currency: r?.currency ?? 'USD',
    positions_available: r?.positions_available ?? 1,
    hiring_manager_id: r?.hiring_manager_id ?? null,
    passing_score: r ? Number(r.passing_score) : 70,
    weights: {
      assessment: r?.stage_weights.assessment ?? 0.3,
      technical_interview: r?.stage_weights.technical_interview ?? 0.4,
      executive_interview: r?.stage_weights.executive_interview ?? 0.3,
    },
  }
}

function RequisitionForm({ existing }: { existing?: RequisitionDetail }) {
  const [form, setForm] = useState<Form>(initial(existing))
  const [errors, setErrors] = useState<Record<string, string>>({})
  const save = useSaveRequisition()
  const managers = useHiringManagers()
  const navigate = useNavigate()
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }))

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const local: Record<string, string> = {}
    if (form.title.trim().length < 2) local.title = 'Give the role a title.'
    if (form.salary_min !== '' && form.salary_max !== '' && Number(form.salary_min) > Number(form.salary_max))
      local.salary_max = 'The maximum must not be below the minimum.'
    setErrors(local)
    if (Object.keys(local).length) return
    const body = {
      title: form.title.trim(),
      department: form.department.trim() || null,
      location: form.location.trim() || null,
      employment_type: form.employment_type,
      experience_level: form.experience_level,
      description: form.description,
      requirements: form.requirements,
      required_skills: form.skills.map((name) => ({ name, proficiency: 'intermediate' })),
      salary_min: form.salary_min === '' ? null : String(form.salary_min),
      salary_max: form.salary_max === '' ? null : String(form.salary_max),
      currency: form.currency.toUpperCase(),
      positions_available: Number(form.positions_available) || 1,
      hiring_manager_id: form.hiring_manager_id,
      passing_score: String(form.passing_score === '' ? 70 : form.passing_score),
      stage_weights: Object.fromEntries(Object.entries(form.weights).map(([k, v]) => [k, Number(v) || 0])),
    } as unknown as RequisitionCreate
    try {
      const saved = await save.mutateAsync({ id: existing?.id, body })
      notifications.show({
        color: 'green',
        message: existing ? 'Requisition saved' : 'Draft created — publish it when ready',
      })
      void navigate(`/requisitions/${saved.id}`)
    } catch (err) {
      const fields = err instanceof ApiError ? fieldErrors(err.problem) : {}
      setErrors(Object.keys(fields).length ? fields : { form: errorMessage(err) })
    }
  }

  return (
    <Card withBorder radius="md" component="form" onSubmit={submit} noValidate>
      <Stack>
        {errors.form && (
          <Alert color="red" role="alert">
            {errors.form}
          </Alert>
        )}
        <Grid>
          <Grid.Col span={{ base: 12, md: 8 }}>
            <TextInput
              label="Title"
              required
              value={form.title}
              onChange={(e) => set('title', e.currentTarget.value)}
              error={errors.title}
              maxLength={200}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Select
              label="Hiring manager"
              data={(managers.data ?? []).map((u) => ({ value: u.id, label: u.full_name }))}
              value={form.hiring_manager_id}
              onChange={(v) => set('hiring_manager_id', v)}
              error={errors.hiring_manager_id}
              clearable
              searchable
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <TextInput
              label="Department"
              value={form.department}
              onChange={(e) => set('department', e.currentTarget.value)}
              error={errors.department}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <TextInput
              label="Location"
              value={form.location}
              onChange={(e) => set('location', e.currentTarget.value)}
              error={errors.location}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, md: 2 }}>
            <Select
              label="Type"
              data={EMPLOYMENT_TYPES}
              value={form.employment_type}
              onChange={(v) => v && set('employment_type', v)}
              allowDeselect={false}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, md: 2 }}>
            <Select
              label="Level"
              data={EXPERIENCE_LEVELS}
              value={form.experience_level}
              onChange={(v) => v && set('experience_level', v)}
              allowDeselect={false}
            />
          </Grid.Col>
          <Grid.Col span={12}>
            <Textarea
              label="Description"
              description="Shown on the job board. Required to publish."
              autosize
              minRows={4}
              value={form.description}
              onChange={(e) => set('description', e.currentTarget.value)}
              error={errors.description}
            />
          </Grid.Col>
          <Grid.Col span={12}>
            <Textarea
              label="Requirements"
              autosize
              minRows={3}
              value={form.requirements}
              onChange={(e) => set('requirements', e.currentTarget.value)}
              error={errors.requirements}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <TagsInput
              label="Required skills"
              placeholder="Type and press Enter"
              value={form.skills}
              onChange={(v) => set('skills', v)}
              maxTags={40}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 4, md: 2 }}>
            <NumberInput
              label="Salary from"
              min={0}
              thousandSeparator=","
              value={form.salary_min}
              onChange={(v) => set('salary_min', v)}
              error={errors.salary_min}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 4, md: 2 }}>
            <NumberInput
              label="Salary to"
              min={0}
              thousandSeparator=","
              value={form.salary_max}
              onChange={(v) => set('salary_max', v)}
              error={errors.salary_max}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 4, md: 1 }}>
            <TextInput
              label="Currency"
              maxLength={3}
              value={form.currency}
              onChange={(e) => set('currency', e.currentTarget.value)}
              error={errors.currency}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 4, md: 1 }}>
            <NumberInput
              label="Positions"
              min={1}
              max={500}
              value={form.positions_available}
              onChange={(v) => set('positions_available', v)}
              error={errors.positions_available}
            />
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
              value={form.passing_score}
              onChange={(v) => set('passing_score', v)}
              error={errors.passing_score}
            />
          </Grid.Col>
          {Object.entries(form.weights).map(([kind, weight]) => (
            <Grid.Col key={kind} span={{ base: 6, md: 3 }}>
              <NumberInput
                label={`Weight: ${kind.replace(/_/g, ' ')}`}
                min={0}
                max={10}
                step={0.1}
                decimalScale={2}
                value={weight}
                onChange={(v) => set('weights', { ...form.weights, [kind]: v })}
                error={errors[`stage_weights.${kind}`]}
              />
            </Grid.Col>
          ))}
        </Grid>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => void navigate(-1)}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
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
