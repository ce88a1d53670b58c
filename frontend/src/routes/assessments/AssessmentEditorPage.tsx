import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  MultiSelect,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconArrowDown, IconArrowUp, IconEye, IconPlus, IconTrash } from '@tabler/icons-react'
import { useQueries } from '@tanstack/react-query'
import { useMemo, useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { api } from '../../api/client'
import { AssessmentWrite as AssessmentLimits } from '../../api/limits'
import { FormError } from '../../components/FormError'
import { PageHeader } from '../../components/PageHeader'
import { ErrorState, LoadingRows } from '../../components/states'
import { apiRules, applyProblem } from '../../lib/form'
import { notifySuccess } from '../../lib/notify'
import { ApiError, unwrap } from '../../lib/problem'
import { useAuth } from '../../lib/useAuth'
import {
  useAssessment,
  useBankOptions,
  useSaveAssessment,
  type Assessment,
  type AssessmentWrite,
} from '../../queries/assessments'
import { useOrganizationSettings } from '../../queries/hiringSettings'
import { useLanguages } from '../../queries/languages'
import { QuestionPicker, type PickedQuestion } from './QuestionPicker'
import { DIFFICULTY_LABELS, QUESTION_TYPE_LABELS } from './labels'

type Kind = 'fixed' | 'random'
interface SectionValues {
  /** Keeps React's list identity stable while sections move. */
  key: string
  title: string
  kind: Kind
  question_ids: string[]
  bank_id: string | null
  count: number | string
  difficulty: string | null
  tags: string[]
  types: string[]
  time_limit_minutes: number | string
}

let sectionKeys = 0
const newSection = (n: number): SectionValues => ({
  key: `s${++sectionKeys}`,
  title: `Section ${n}`,
  kind: 'fixed',
  question_ids: [],
  bank_id: null,
  count: 5,
  difficulty: null,
  tags: [],
  types: [],
  time_limit_minutes: '',
})

/** `2026-12-01T09:00` (a datetime-local input, the viewer's zone) ↔ an ISO instant. */
const toLocalInput = (iso: string | null) => {
  if (!iso) return ''
  const d = new Date(iso)
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16)
}

function initial(a?: Assessment) {
  return {
    name: a?.name ?? '',
    description: a?.description ?? '',
    instructions: a?.instructions ?? '',
    step: String(a?.step ?? 1),
    duration_minutes: (a?.duration_minutes ?? 60) as number | string,
    sections: a
      ? a.sections.map((s) => ({
          key: `s${++sectionKeys}`,
          title: s.title,
          kind: s.kind,
          question_ids: s.question_ids,
          bank_id: s.bank_id,
          count: s.count ?? 5,
          difficulty: s.difficulty,
          tags: s.tags,
          types: s.types,
          time_limit_minutes: s.time_limit_minutes ?? '',
        }))
      : [newSection(1)],
    shuffle_questions: a?.shuffle_questions ?? false,
    shuffle_options: a?.shuffle_options ?? true,
    allowed_languages: a?.allowed_languages ?? [],
    auto_advance: (a?.auto_advance != null ? Number(a.auto_advance) : '') as number | string,
    manual_review: (a?.manual_review != null ? Number(a.manual_review) : '') as number | string,
    result_release: a?.result_release ?? 'never',
    results_release_at: toLocalInput(a?.results_release_at ?? null),
    proctoring: {
      fullscreen_required: a?.proctoring.fullscreen_required ?? false,
      webcam_required: a?.proctoring.webcam_required ?? false,
    },
  }
}
type Values = ReturnType<typeof initial>

const numberOrNull = (v: number | string) => (v === '' || v == null ? null : Number(v))

function body(v: Values): AssessmentWrite {
  return {
    name: v.name.trim(),
    description: v.description,
    instructions: v.instructions,
    step: Number(v.step) as 1 | 2,
    duration_minutes: Number(v.duration_minutes),
    sections: v.sections.map((s) => ({
      title: s.title.trim(),
      kind: s.kind,
      time_limit_minutes: numberOrNull(s.time_limit_minutes),
      ...(s.kind === 'fixed'
        ? { question_ids: s.question_ids }
        : {
            bank_id: s.bank_id,
            count: numberOrNull(s.count),
            difficulty: (s.difficulty || null) as 'easy' | 'medium' | 'hard' | null,
            tags: s.tags,
            types: s.types as ('mcq_single' | 'mcq_multi' | 'coding' | 'essay')[],
          }),
    })),
    shuffle_questions: v.shuffle_questions,
    shuffle_options: v.shuffle_options,
    allowed_languages: v.allowed_languages,
    auto_advance: numberOrNull(v.auto_advance),
    manual_review: numberOrNull(v.manual_review),
    result_release: v.result_release as AssessmentWrite['result_release'],
    results_release_at:
      v.result_release === 'after_date' && v.results_release_at
        ? new Date(v.results_release_at).toISOString()
        : null,
    proctoring: v.proctoring,
  }
}

/** The rules across fields and inside sections that the flat limits cannot say. */
function extra(v: Values): Record<string, string | null> {
  const errors: Record<string, string | null> = {}
  v.sections.forEach((s, i) => {
    if (!s.title.trim()) errors[`sections.${i}.title`] = 'Name the section.'
    if (s.kind === 'fixed' && s.question_ids.length === 0)
      errors[`sections.${i}.question_ids`] = 'Add at least one question.'
    if (s.kind === 'random') {
      if (!s.bank_id) errors[`sections.${i}.bank_id`] = 'Pick the bank to draw from.'
      if (s.count === '' || Number(s.count) < 1) errors[`sections.${i}.count`] = 'At least 1.'
    }
  })
  const auto = numberOrNull(v.auto_advance)
  const review = numberOrNull(v.manual_review)
  if (auto != null && review != null && review > auto)
    errors.manual_review = 'The review band starts at or below the auto-advance score.'
  if (v.result_release === 'after_date' && !v.results_release_at)
    errors.results_release_at = 'Pick the date results are released.'
  return errors
}

/** The API names a section's field `sections.2.count`: show it on that field rather than on the whole list. */
function applySectionErrors(form: { setFieldError: (path: string, error: string) => void }, err: unknown) {
  if (!(err instanceof ApiError)) return
  for (const e of err.problem.errors ?? []) {
    const m = /^(?:body\.)?(sections\.\d+)(?:\.(\w+))?/.exec(e.field)
    if (m) form.setFieldError(m[2] ? `${m[1]}.${m[2]}` : `${m[1]}.title`, e.message)
  }
}

/** Titles of the questions a fixed section lists (one request per question, cached). */
function useQuestionTitles(ids: string[]) {
  const results = useQueries({
    queries: ids.map((id) => ({
      queryKey: ['questions', 'detail', id],
      staleTime: 300_000,
      queryFn: async () =>
        unwrap(await api.GET('/api/v1/questions/{question_id}', { params: { path: { question_id: id } } })),
    })),
  })
  return new Map(
    results
      .map((r) => r.data)
      .filter((d) => d != null)
      .map((d) => [
        d.id,
        { id: d.id, title: d.title, type: d.type, difficulty: d.difficulty, points: d.points },
      ]),
  )
}

export function AssessmentEditorPage() {
  const { id } = useParams()
  const assessment = useAssessment(id)
  if (id && assessment.isError)
    return <ErrorState error={assessment.error} onRetry={() => void assessment.refetch()} />
  if (id && !assessment.data) return <LoadingRows />
  return <Editor key={assessment.data?.updated_at ?? 'new'} assessment={assessment.data} />
}

function Editor({ assessment }: { assessment?: Assessment }) {
  const { can } = useAuth()
  const navigate = useNavigate()
  const readOnly = !can('assessments:write')
  const save = useSaveAssessment()
  const org = useOrganizationSettings()
  const languages = useLanguages()
  const banks = useBankOptions()
  const [picking, setPicking] = useState<number | null>(null)
  const [known, setKnown] = useState<Map<string, PickedQuestion>>(new Map())
  const form = useForm({
    initialValues: initial(assessment),
    validate: apiRules(AssessmentLimits, {
      messages: { name: 'Name the assessment.', duration_minutes: 'How long is the test?' },
      extra,
    }),
  })
  const allIds = useMemo(
    () => form.values.sections.flatMap((s) => (s.kind === 'fixed' ? s.question_ids : [])),
    [form.values.sections],
  )
  const fetched = useQuestionTitles(allIds.filter((qid) => !known.has(qid)))
  const questionOf = (qid: string) => known.get(qid) ?? fetched.get(qid)
  const thresholds =
    (org.data?.settings as { thresholds?: { auto_advance: number; manual_review: number } })?.thresholds ??
    assessment?.effective_thresholds

  const submit = form.onSubmit(async (values) => {
    try {
      const saved = await save.mutateAsync({ id: assessment?.id, body: body(values) })
      notifySuccess(assessment ? `${saved.name} saved` : `${saved.name} created`)
      if (!assessment) void navigate(`/assessments/${saved.id}`, { replace: true })
    } catch (err) {
      applyProblem(form, err)
      applySectionErrors(form, err)
    }
  })

  const sections = form.values.sections
  const totalQuestions = sections.reduce(
    (n, s) => n + (s.kind === 'fixed' ? s.question_ids.length : Number(s.count) || 0),
    0,
  )
  const sectionMinutes = sections.reduce((n, s) => n + (Number(s.time_limit_minutes) || 0), 0)
  const languageOptions = (languages.data?.items ?? [])
    .filter((l) => l.enabled)
    .map((l) => ({ value: l.key, label: l.name }))

  return (
    <form onSubmit={submit} noValidate>
      <PageHeader
        title={assessment ? assessment.name : 'New assessment'}
        description={
          assessment
            ? `${assessment.question_count} questions · ${assessment.duration_minutes} min${assessment.archived_at ? ' · archived' : ''}`
            : 'Sections of questions, timing, Step-1 thresholds and what candidates see.'
        }
        actions={
          <>
            {assessment && (
              <Button
                variant="default"
                component={Link}
                to={`/assessments/${assessment.id}/preview`}
                leftSection={<IconEye size={16} />}
              >
                Preview as a candidate
              </Button>
            )}
            {!readOnly && (
              <Button type="submit" loading={form.submitting}>
                {assessment ? 'Save' : 'Create assessment'}
              </Button>
            )}
          </>
        }
      />
      <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
        <Grid>
          <Grid.Col span={{ base: 12, md: 8 }}>
            <Stack>
              <Card withBorder radius="md">
                <Stack>
                  <TextInput label="Name" required {...form.getInputProps('name')} />
                  <Textarea
                    label="Description"
                    description="For your team: what it measures, which roles use it."
                    autosize
                    minRows={2}
                    {...form.getInputProps('description')}
                  />
                  <Textarea
                    label="Instructions for the candidate"
                    description="Shown before the test starts (Markdown). The duration and what is recorded are added for you."
                    autosize
                    minRows={3}
                    {...form.getInputProps('instructions')}
                  />
                </Stack>
              </Card>
              <Group justify="space-between">
                <Title order={2} size="h4">
                  Sections
                </Title>
                <Text size="sm" c="dimmed" aria-live="polite">
                  {totalQuestions} question{totalQuestions === 1 ? '' : 's'} per candidate
                </Text>
              </Group>
              {typeof form.errors.sections === 'string' && (
                <Alert color="red" variant="light">
                  {form.errors.sections}
                </Alert>
              )}
              {sections.map((s, i) => (
                <Card key={s.key} withBorder radius="md" role="group" aria-label={`Section ${i + 1}`}>
                  <Stack gap="sm">
                    <Group align="flex-end" wrap="nowrap">
                      <TextInput
                        style={{ flex: 1 }}
                        label={`Section ${i + 1} title`}
                        {...form.getInputProps(`sections.${i}.title`)}
                      />
                      <NumberInput
                        w={170}
                        label="Time limit (min)"
                        placeholder="None"
                        min={1}
                        max={600}
                        {...form.getInputProps(`sections.${i}.time_limit_minutes`)}
                      />
                      <Group gap={2} pb={4}>
                        <ActionIcon
                          variant="subtle"
                          aria-label={`Move section ${i + 1} up`}
                          disabled={i === 0}
                          onClick={() => form.reorderListItem('sections', { from: i, to: i - 1 })}
                        >
                          <IconArrowUp size={16} />
                        </ActionIcon>
                        <ActionIcon
                          variant="subtle"
                          aria-label={`Move section ${i + 1} down`}
                          disabled={i === sections.length - 1}
                          onClick={() => form.reorderListItem('sections', { from: i, to: i + 1 })}
                        >
                          <IconArrowDown size={16} />
                        </ActionIcon>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={`Remove section ${i + 1}`}
                          disabled={sections.length === 1}
                          onClick={() => form.removeListItem('sections', i)}
                        >
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Group>
                    </Group>
                    <SegmentedControl
                      aria-label={`Section ${i + 1} questions`}
                      w="fit-content"
                      data={[
                        { value: 'fixed', label: 'Chosen questions' },
                        { value: 'random', label: 'Drawn at random from a bank' },
                      ]}
                      {...form.getInputProps(`sections.${i}.kind`)}
                    />
                    {s.kind === 'fixed' ? (
                      <Stack gap={6}>
                        {s.question_ids.length === 0 && (
                          <Text size="sm" c="dimmed">
                            Everyone gets the same questions, in this order unless shuffled.
                          </Text>
                        )}
                        {s.question_ids.map((qid, j) => {
                          const question = questionOf(qid)
                          return (
                            <Group
                              key={qid}
                              justify="space-between"
                              wrap="nowrap"
                              px="sm"
                              py={6}
                              style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 6 }}
                            >
                              <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
                                <Text size="sm" c="dimmed" w={22}>
                                  {j + 1}.
                                </Text>
                                <Text size="sm" fw={500} lineClamp={1}>
                                  {question?.title ?? 'Loading…'}
                                </Text>
                                {question && (
                                  <>
                                    <Badge size="xs" variant="light">
                                      {QUESTION_TYPE_LABELS[question.type]}
                                    </Badge>
                                    <Text size="xs" c="dimmed">
                                      {DIFFICULTY_LABELS[question.difficulty]} · {question.points} pts
                                    </Text>
                                  </>
                                )}
                              </Group>
                              <ActionIcon
                                variant="subtle"
                                color="red"
                                aria-label={`Remove ${question?.title ?? 'question'}`}
                                onClick={() => form.removeListItem(`sections.${i}.question_ids`, j)}
                              >
                                <IconTrash size={14} />
                              </ActionIcon>
                            </Group>
                          )
                        })}
                        {form.errors[`sections.${i}.question_ids`] && (
                          <Text size="xs" c="red">
                            {form.errors[`sections.${i}.question_ids`]}
                          </Text>
                        )}
                        {!readOnly && (
                          <Button
                            variant="light"
                            size="xs"
                            w="fit-content"
                            leftSection={<IconPlus size={14} />}
                            onClick={() => setPicking(i)}
                          >
                            Add questions
                          </Button>
                        )}
                      </Stack>
                    ) : (
                      <Grid>
                        <Grid.Col span={{ base: 12, sm: 8 }}>
                          <Select
                            label="Bank"
                            searchable
                            data={(banks.data ?? []).map((b) => ({
                              value: b.id,
                              label: `${b.name} (${b.enabled_count} enabled)`,
                            }))}
                            {...form.getInputProps(`sections.${i}.bank_id`)}
                          />
                        </Grid.Col>
                        <Grid.Col span={{ base: 12, sm: 4 }}>
                          <NumberInput
                            label="Questions to draw"
                            min={1}
                            max={100}
                            {...form.getInputProps(`sections.${i}.count`)}
                          />
                        </Grid.Col>
                        <Grid.Col span={{ base: 12, sm: 4 }}>
                          <Select
                            label="Difficulty"
                            placeholder="Any"
                            clearable
                            data={Object.entries(DIFFICULTY_LABELS).map(([value, label]) => ({
                              value,
                              label,
                            }))}
                            {...form.getInputProps(`sections.${i}.difficulty`)}
                          />
                        </Grid.Col>
                        <Grid.Col span={{ base: 12, sm: 4 }}>
                          <TagsInput
                            label="With all these tags"
                            placeholder="Type and press Enter"
                            {...form.getInputProps(`sections.${i}.tags`)}
                          />
                        </Grid.Col>
                        <Grid.Col span={{ base: 12, sm: 4 }}>
                          <MultiSelect
                            label="Of these types"
                            placeholder="Any"
                            data={Object.entries(QUESTION_TYPE_LABELS).map(([value, label]) => ({
                              value,
                              label,
                            }))}
                            {...form.getInputProps(`sections.${i}.types`)}
                          />
                        </Grid.Col>
                        <Grid.Col span={12}>
                          <Text size="xs" c="dimmed">
                            Each candidate gets their own draw: a leaked test helps nobody else.
                          </Text>
                        </Grid.Col>
                      </Grid>
                    )}
                  </Stack>
                </Card>
              ))}
              {!readOnly && sections.length < 10 && (
                <Button
                  variant="default"
                  w="fit-content"
                  leftSection={<IconPlus size={16} />}
                  onClick={() => form.insertListItem('sections', newSection(sections.length + 1))}
                >
                  Add a section
                </Button>
              )}
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Stack>
              <Card withBorder radius="md">
                <Stack gap="sm">
                  <Title order={2} size="h5">
                    Timing
                  </Title>
                  <NumberInput
                    label="Total duration (minutes)"
                    required
                    min={1}
                    max={600}
                    {...form.getInputProps('duration_minutes')}
                  />
                  {sectionMinutes > Number(form.values.duration_minutes) && (
                    <Text size="xs" c="orange">
                      Section limits add up to {sectionMinutes} min, more than the whole test.
                    </Text>
                  )}
                  <Select
                    label="Link rules"
                    description="How long links stay open and when reminders go."
                    allowDeselect={false}
                    data={[
                      { value: '1', label: 'Step 1 — online assessment' },
                      { value: '2', label: 'Step 2 — technical round' },
                    ]}
                    {...form.getInputProps('step')}
                  />
                </Stack>
              </Card>
              <Card withBorder radius="md">
                <Stack gap="sm">
                  <Title order={2} size="h5">
                    Candidate experience
                  </Title>
                  <Switch
                    label="Shuffle questions within each section"
                    {...form.getInputProps('shuffle_questions', { type: 'checkbox' })}
                  />
                  <Switch
                    label="Shuffle multiple-choice options"
                    {...form.getInputProps('shuffle_options', { type: 'checkbox' })}
                  />
                  <MultiSelect
                    label="Allowed languages"
                    description="Empty: every language each coding question offers."
                    placeholder={form.values.allowed_languages.length ? undefined : 'All'}
                    data={languageOptions}
                    {...form.getInputProps('allowed_languages')}
                  />
                </Stack>
              </Card>
              <Card withBorder radius="md">
                <Stack gap="sm">
                  <Title order={2} size="h5">
                    Step-1 decision
                  </Title>
                  <NumberInput
                    label="Advance automatically at (%)"
                    placeholder={thresholds ? `Organization default: ${thresholds.auto_advance}` : undefined}
                    min={0}
                    max={100}
                    decimalScale={2}
                    {...form.getInputProps('auto_advance')}
                  />
                  <NumberInput
                    label="Manual review from (%)"
                    placeholder={thresholds ? `Organization default: ${thresholds.manual_review}` : undefined}
                    min={0}
                    max={100}
                    decimalScale={2}
                    {...form.getInputProps('manual_review')}
                  />
                  <Bands
                    auto={numberOrNull(form.values.auto_advance) ?? thresholds?.auto_advance}
                    review={numberOrNull(form.values.manual_review) ?? thresholds?.manual_review}
                  />
                </Stack>
              </Card>
              <Card withBorder radius="md">
                <Stack gap="sm">
                  <Title order={2} size="h5">
                    Results for the candidate
                  </Title>
                  <Select
                    label="The candidate sees their score"
                    allowDeselect={false}
                    data={[
                      { value: 'never', label: 'Never' },
                      { value: 'after_grading', label: 'As soon as it is graded' },
                      { value: 'after_date', label: 'From a date' },
                    ]}
                    {...form.getInputProps('result_release')}
                  />
                  {form.values.result_release === 'after_date' && (
                    <TextInput
                      type="datetime-local"
                      label="Release on"
                      {...form.getInputProps('results_release_at')}
                    />
                  )}
                </Stack>
              </Card>
              <Card withBorder radius="md">
                <Stack gap="sm">
                  <Title order={2} size="h5">
                    Proctoring
                  </Title>
                  <Switch
                    label="Require full screen"
                    {...form.getInputProps('proctoring.fullscreen_required', { type: 'checkbox' })}
                  />
                  <Switch
                    label="Require the webcam"
                    {...form.getInputProps('proctoring.webcam_required', { type: 'checkbox' })}
                  />
                  <Text size="xs" c="dimmed">
                    Candidates are told before they start. Integrity signals never decide on their own.
                  </Text>
                </Stack>
              </Card>
              <FormError form={form} />
            </Stack>
          </Grid.Col>
        </Grid>
      </fieldset>
      {picking !== null && (
        <QuestionPicker
          taken={allIds}
          onClose={() => setPicking(null)}
          onAdd={(picked) => {
            setKnown((k) => new Map([...k, ...picked.map((p) => [p.id, p] as const)]))
            form.setFieldValue(`sections.${picking}.question_ids`, [
              ...sections[picking].question_ids,
              ...picked.map((p) => p.id),
            ])
            form.clearFieldError(`sections.${picking}.question_ids`)
          }}
        />
      )}
    </form>
  )
}

/** The three Step-1 outcomes on one bar, so the thresholds read at a glance. */
function Bands({ auto, review }: { auto?: number; review?: number }) {
  if (auto == null || review == null) return null
  const bands = [
    { label: `Reject < ${review}%`, width: review, color: 'var(--mantine-color-red-1)' },
    { label: `Review`, width: auto - review, color: 'var(--mantine-color-orange-1)' },
    { label: `Advance ≥ ${auto}%`, width: 100 - auto, color: 'var(--mantine-color-green-1)' },
  ]
  return (
    <Group
      gap={0}
      wrap="nowrap"
      aria-label={`Below ${review}% rejected, ${review}–${auto}% reviewed by a person, from ${auto}% advanced`}
      role="img"
    >
      {bands.map((b) => (
        <Text
          key={b.label}
          size="xs"
          ta="center"
          py={4}
          style={{ width: `${b.width}%`, background: b.color, overflow: 'hidden', whiteSpace: 'nowrap' }}
          aria-hidden
        >
          {b.width >= 12 ? b.label : ''}
        </Text>
      ))}
    </Group>
  )
}
