import {
  Alert,
  Badge,
  Button,
  Card,
  Code,
  Grid,
  Group,
  NumberInput,
  Progress,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  ThemeIcon,
  Title,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import {
  IconAlertTriangle,
  IconArrowLeft,
  IconCheck,
  IconFlag,
  IconPlayerPlay,
  IconSquare,
  IconSquareCheck,
  IconX,
} from '@tabler/icons-react'
import { lazy, Suspense, useEffect, useState } from 'react'
import { useNavigate, useParams, useSearchParams } from 'react-router'
import { MarkAnswer as MarkLimits } from '../../api/limits'
import { FormError } from '../../components/FormError'
import { IntegritySummary } from '../../components/integrity/IntegritySummary'
import { ErrorState, LoadingRows } from '../../components/states'
import { formatDateTime } from '../../lib/format'
import { applyProblem } from '../../lib/form'
import { notifyError, notifySuccess } from '../../lib/notify'
import { useAuth } from '../../lib/useAuth'
import {
  useGradeEssay,
  useMarkAnswer,
  useRerunAnswer,
  useSessionResults,
  type AnswerResult as RawAnswer,
  type ReviewMark,
  type SessionResults,
} from '../../queries/assessments'
import { useCodeModes } from './codeModes'
import {
  DECISION_LABELS,
  GRADING_LABELS,
  QUESTION_TYPE_LABELS,
  SESSION_STATUS_LABELS,
  duration,
  percent,
} from './labels'
import { Step1DecisionForm } from './Step1DecisionForm'

const Markdown = lazy(() => import('../../components/content/Markdown'))
const CodeEditor = lazy(() => import('../../components/content/CodeEditor'))

/** A test session's results for recruiters, hiring managers and the candidate's interviewers; graders grade
 * essays here and re-run code, interviewers mark code answers. `?position=N` opens at that answer. */
export function ResultsPage() {
  const { sessionId } = useParams()
  const results = useSessionResults(sessionId)
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const focus = params.get('position')
  const r = results.data
  useEffect(() => {
    if (r && focus) document.getElementById(`answer-${focus}`)?.scrollIntoView({ block: 'start' })
  }, [r, focus])
  if (results.isError) return <ErrorState error={results.error} onRetry={() => void results.refetch()} />
  if (!r) return <LoadingRows />
  return (
    <Stack>
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Stack gap={2}>
          <Title order={1} size="h2">
            {r.candidate_name ?? 'Candidate'} — {r.assessment_name ?? 'Assessment'}
          </Title>
          <Text c="dimmed" size="sm">
            {SESSION_STATUS_LABELS[r.status]} · started {formatDateTime(r.started_at)}
            {r.closed_at ? ` · closed ${formatDateTime(r.closed_at)}` : ''}
            {r.closed_by === 'deadline' ? ' (time ran out)' : ''}
          </Text>
        </Stack>
        <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={() => void navigate(-1)}>
          Back
        </Button>
      </Group>
      <Summary r={r} />
      <IntegritySummary sessionId={r.id} brief={r.integrity} />
      {r.review_status === 'pending' && <Step1DecisionForm session={r} />}
      {r.review_note && r.review_status !== 'pending' && (
        <Alert variant="light" color={r.review_status === 'advanced' ? 'green' : 'red'} title="Step-1 review">
          {r.review_status === 'advanced' ? 'Advanced' : 'Rejected'} {formatDateTime(r.reviewed_at)}:{' '}
          {r.review_note}
        </Alert>
      )}
      <Title order={2} size="h4">
        Answers
      </Title>
      {r.answers.length === 0 && (
        <Text c="dimmed" size="sm">
          No answers recorded.
        </Text>
      )}
      {r.answers.map((a) => (
        <AnswerCard
          key={a.position}
          sessionId={r.id}
          a={withLists(a)}
          sections={r.sections}
          maxTime={maxTime(r)}
        />
      ))}
    </Stack>
  )
}

/** An answer with its lists always present (the API leaves out the empty ones). */
type AnswerResult = RawAnswer & Required<Pick<RawAnswer, 'options' | 'rubric' | 'languages'>>
const withLists = (a: RawAnswer): AnswerResult => ({
  ...a,
  options: a.options ?? [],
  rubric: a.rubric ?? [],
  languages: a.languages ?? [],
})

const maxTime = (r: SessionResults) => Math.max(60, ...r.answers.map((a) => a.time_spent_seconds))

function Summary({ r }: { r: SessionResults }) {
  // A result in the review band shows how the review ended once a person decided.
  const decision =
    r.review_status === 'advanced'
      ? { label: 'Advanced after review', color: 'green' }
      : r.review_status === 'rejected'
        ? { label: 'Rejected after review', color: 'red' }
        : r.decision
          ? DECISION_LABELS[r.decision]
          : null
  return (
    <Grid>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <Card withBorder radius="md" h="100%">
          <Stack gap="xs">
            <Group justify="space-between">
              <Text size="sm" c="dimmed" fw={600}>
                Score
              </Text>
              <Group gap={4}>
                <Badge variant="light" color={r.grading_status === 'graded' ? 'green' : 'orange'}>
                  {GRADING_LABELS[r.grading_status]}
                </Badge>
                {decision && (
                  <Badge variant="filled" color={decision.color}>
                    {decision.label}
                  </Badge>
                )}
              </Group>
            </Group>
            <Text fz={40} fw={800} lh={1}>
              {percent(r.score)}
            </Text>
            <Text size="sm" c="dimmed">
              {r.points_awarded ?? '—'} of {r.points_possible ?? '—'} points
            </Text>
            {r.thresholds && r.score != null && <ScoreBands score={Number(r.score)} t={r.thresholds} />}
          </Stack>
        </Card>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Card withBorder radius="md" h="100%">
          <SimpleGrid cols={2} spacing="sm" mb="sm">
            <Stack gap={0}>
              <Text size="sm" c="dimmed" fw={600}>
                Percentile
              </Text>
              <Text fw={700} size="lg">
                {r.percentile != null ? `${Math.round(r.percentile)}th` : '—'}
              </Text>
              <Text size="xs" c="dimmed">
                among {r.compared_with} graded candidate{r.compared_with === 1 ? '' : 's'}
              </Text>
            </Stack>
            <Stack gap={0}>
              <Text size="sm" c="dimmed" fw={600}>
                Time used
              </Text>
              <Text fw={700} size="lg">
                {duration(r.time_used_seconds)}
              </Text>
            </Stack>
          </SimpleGrid>
          <Stack gap={6}>
            {r.sections.map((s) => {
              const share =
                s.points_awarded != null && Number(s.points_possible) > 0
                  ? (Number(s.points_awarded) / Number(s.points_possible)) * 100
                  : 0
              return (
                <Stack key={s.index} gap={2}>
                  <Group justify="space-between">
                    <Text size="sm" fw={500}>
                      {s.title}
                    </Text>
                    <Text size="sm">
                      {s.points_awarded ?? '—'} / {s.points_possible}
                    </Text>
                  </Group>
                  <Progress
                    value={share}
                    aria-label={`${s.title}: ${Math.round(share)}%`}
                    color={share >= 70 ? 'green' : share >= 50 ? 'orange' : 'red'}
                  />
                </Stack>
              )
            })}
          </Stack>
        </Card>
      </Grid.Col>
    </Grid>
  )
}

function ScoreBands({ score, t }: { score: number; t: { auto_advance: string; manual_review: string } }) {
  const auto = Number(t.auto_advance)
  const review = Number(t.manual_review)
  return (
    <Stack gap={2}>
      <div style={{ position: 'relative' }}>
        <Progress.Root size={10} aria-hidden>
          <Progress.Section value={review} color="red.2" />
          <Progress.Section value={auto - review} color="orange.2" />
          <Progress.Section value={100 - auto} color="green.2" />
        </Progress.Root>
        <div
          aria-hidden
          style={{
            position: 'absolute',
            left: `calc(${Math.min(100, Math.max(0, score))}% - 2px)`,
            top: -3,
            width: 4,
            height: 16,
            background: 'var(--mantine-color-dark-7)',
            borderRadius: 2,
          }}
        />
      </div>
      <Text size="xs" c="dimmed">
        Rejected below {review}%, reviewed by a person from {review}%, advanced from {auto}%.
      </Text>
    </Stack>
  )
}

function AnswerCard({
  sessionId,
  a,
  sections,
  maxTime,
}: {
  sessionId: string
  a: AnswerResult
  sections: SessionResults['sections']
  maxTime: number
}) {
  const { can } = useAuth()
  return (
    <Card
      withBorder
      radius="md"
      id={`answer-${a.position}`}
      component="section"
      aria-label={`Question ${a.position + 1}: ${a.title}`}
    >
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Group gap="xs">
            <Text fw={700}>
              {a.position + 1}. {a.title}
            </Text>
            <Badge variant="light">{QUESTION_TYPE_LABELS[a.type]}</Badge>
            <Text size="xs" c="dimmed">
              {sections[a.section_index]?.title}
            </Text>
            {a.flagged && (
              <Badge color="yellow" variant="light" leftSection={<IconFlag size={10} />}>
                flagged by the candidate
              </Badge>
            )}
            {!a.answered && (
              <Badge color="gray" variant="outline">
                not answered
              </Badge>
            )}
          </Group>
          <Group gap="md">
            <Stack gap={0} w={140}>
              <Text size="xs" c="dimmed">
                Time: {duration(a.time_spent_seconds)}
              </Text>
              <Progress
                size="sm"
                value={(a.time_spent_seconds / maxTime) * 100}
                aria-label={`Time spent: ${duration(a.time_spent_seconds)}`}
              />
            </Stack>
            <Badge
              size="lg"
              variant="light"
              color={
                a.score == null
                  ? 'orange'
                  : Number(a.score) >= Number(a.points)
                    ? 'green'
                    : Number(a.score) > 0
                      ? 'yellow'
                      : 'red'
              }
            >
              {a.score == null ? (a.needs_grader ? 'To grade' : '—') : `${a.score} / ${a.points}`}
            </Badge>
          </Group>
        </Group>
        {(a.type === 'mcq_single' || a.type === 'mcq_multi') && <Options a={a} />}
        {a.type === 'essay' && <Essay sessionId={sessionId} a={a} canGrade={can('assessments:grade')} />}
        {a.type === 'coding' && (
          <Coding
            sessionId={sessionId}
            a={a}
            canRerun={can('assessments:grade')}
            canMark={can('feedback:submit')}
          />
        )}
      </Stack>
    </Card>
  )
}

function Options({ a }: { a: AnswerResult }) {
  return (
    <Table aria-label={`Options of question ${a.position + 1}`} verticalSpacing={4}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Option</Table.Th>
          <Table.Th w={110}>Chosen</Table.Th>
          <Table.Th w={110}>Correct</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {a.options.map((o) => (
          <Table.Tr
            key={o.id}
            bg={o.chosen && o.correct ? 'green.0' : o.chosen && !o.correct ? 'red.0' : undefined}
          >
            <Table.Td>
              <Text size="sm">{o.text}</Text>
            </Table.Td>
            <Table.Td>
              <Group gap={4}>
                {o.chosen ? (
                  <IconSquareCheck size={16} />
                ) : (
                  <IconSquare size={16} color="var(--mantine-color-gray-5)" />
                )}
                <Text size="xs">{o.chosen ? 'chosen' : ''}</Text>
              </Group>
            </Table.Td>
            <Table.Td>
              {o.correct && (
                <Group gap={4}>
                  <IconCheck size={16} color="var(--mantine-color-green-8)" />
                  <Text size="xs" c="green">
                    correct
                  </Text>
                </Group>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}

function Essay({ sessionId, a, canGrade }: { sessionId: string; a: AnswerResult; canGrade: boolean }) {
  const grade = useGradeEssay()
  const [editing, setEditing] = useState(a.needs_grader && a.score == null)
  const form = useForm({
    initialValues: {
      criteria: a.rubric.map((c) => (c.awarded != null ? Number(c.awarded) : '') as number | string),
      comment: a.grader_comment ?? '',
    },
    validate: (v) => {
      const errors: Record<string, string> = {}
      v.criteria.forEach((p, i) => {
        if (p === '') errors[`criteria.${i}`] = 'Give points (0 if none).'
        else if (Number(p) > a.rubric[i].points) errors[`criteria.${i}`] = `At most ${a.rubric[i].points}.`
      })
      return errors
    },
  })
  const submit = form.onSubmit(async (v) => {
    try {
      await grade.mutateAsync({
        sessionId,
        position: a.position,
        body: {
          criteria: v.criteria.map((p, index) => ({ index, points: Number(p) })),
          comment: v.comment,
        },
      })
      notifySuccess('Grade saved')
      setEditing(false)
    } catch (err) {
      applyProblem(form, err, { comment: 'comment' })
    }
  })
  const total = form.values.criteria.reduce<number>((n, p) => n + (Number(p) || 0), 0)
  return (
    <Stack gap="sm">
      <Card withBorder bg="gray.0" p="sm">
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {a.text || <i>No answer.</i>}
        </Text>
        {a.text && (
          <Text size="xs" c="dimmed" mt={4}>
            {a.text.length} characters
          </Text>
        )}
      </Card>
      {editing && canGrade ? (
        <form onSubmit={submit} noValidate aria-label={`Grade question ${a.position + 1}`}>
          <Stack gap="xs">
            <Title order={3} size="h6">
              Rubric
            </Title>
            {a.rubric.map((c, i) => (
              <Group key={i} align="flex-start" wrap="nowrap">
                <Stack gap={0} style={{ flex: 1 }}>
                  <Text size="sm" fw={600}>
                    {c.criterion}{' '}
                    <Text span size="xs" c="dimmed">
                      (up to {c.points})
                    </Text>
                  </Text>
                  {c.guidance && (
                    <Suspense fallback={<Text size="xs">{c.guidance}</Text>}>
                      <Text size="xs" c="dimmed" component="div">
                        <Markdown>{c.guidance}</Markdown>
                      </Text>
                    </Suspense>
                  )}
                </Stack>
                <NumberInput
                  w={120}
                  aria-label={`Points for ${c.criterion}`}
                  min={0}
                  max={c.points}
                  decimalScale={2}
                  {...form.getInputProps(`criteria.${i}`)}
                />
              </Group>
            ))}
            <Textarea label="Comment for the team" autosize minRows={2} {...form.getInputProps('comment')} />
            <FormError form={form} />
            <Group justify="space-between">
              <Text size="sm">
                Total: <b>{total}</b> / {a.points}
              </Text>
              <Group gap="xs">
                {a.score != null && (
                  <Button variant="default" size="xs" onClick={() => setEditing(false)}>
                    Cancel
                  </Button>
                )}
                <Button type="submit" size="xs" loading={form.submitting}>
                  Save grade
                </Button>
              </Group>
            </Group>
          </Stack>
        </form>
      ) : (
        a.rubric.length > 0 && (
          <Stack gap={4}>
            <Table aria-label={`Rubric grades of question ${a.position + 1}`} verticalSpacing={4}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Criterion</Table.Th>
                  <Table.Th w={120}>Points</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {a.rubric.map((c, i) => (
                  <Table.Tr key={i}>
                    <Table.Td>
                      <Text size="sm">{c.criterion}</Text>
                    </Table.Td>
                    <Table.Td>
                      {c.awarded ?? '—'} / {c.points}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {a.grader_comment && (
              <Text size="sm">
                <b>Grader:</b> {a.grader_comment}
              </Text>
            )}
            {canGrade && (
              <Button size="xs" variant="light" w="fit-content" onClick={() => setEditing(true)}>
                {a.score == null ? 'Grade' : 'Change the grade'}
              </Button>
            )}
          </Stack>
        )
      )}
    </Stack>
  )
}

const VERDICT_COLORS: Record<string, string> = {
  accepted: 'green',
  passed: 'green',
  wrong_answer: 'red',
  time_limit: 'orange',
  memory_limit: 'orange',
  runtime_error: 'red',
  compile_error: 'red',
}
const verdictLabel = (v: string | null) => (v ? v.replaceAll('_', ' ') : 'pending')

function Coding({
  sessionId,
  a,
  canRerun,
  canMark,
}: {
  sessionId: string
  a: AnswerResult
  canRerun: boolean
  canMark: boolean
}) {
  const modeOf = useCodeModes()
  const [language, setLanguage] = useState(a.best_language ?? a.languages[0]?.language ?? '')
  const rerun = useRerunAnswer()
  const run = a.languages.find((l) => l.language === language)
  return (
    <Stack gap="sm">
      {a.languages.length === 0 ? (
        <Text size="sm" c="dimmed">
          No code submitted.
        </Text>
      ) : (
        <>
          <Group justify="space-between" align="flex-end">
            <Group align="flex-end">
              {a.languages.length > 1 && (
                <Select
                  label="Language"
                  w={200}
                  allowDeselect={false}
                  data={a.languages.map((l) => ({
                    value: l.language,
                    label: l.language === a.best_language ? `${l.language} (counted)` : l.language,
                  }))}
                  value={language}
                  onChange={(v) => v && setLanguage(v)}
                />
              )}
              {run && (
                <Group gap="xs" pb={4}>
                  <Badge color={VERDICT_COLORS[run.verdict ?? ''] ?? 'gray'} variant="filled">
                    {verdictLabel(run.verdict)}
                  </Badge>
                  <Text size="sm">
                    {run.cases.filter((c) => c.verdict === 'accepted' || c.verdict === 'passed').length} of{' '}
                    {run.cases.length} cases
                  </Text>
                  {run.status !== 'finished' && (
                    <Badge variant="outline" color="gray">
                      {run.status.replace('_', ' ')}
                    </Badge>
                  )}
                </Group>
              )}
            </Group>
            {canRerun && (
              <Button
                size="xs"
                variant="light"
                leftSection={<IconPlayerPlay size={14} />}
                loading={rerun.isPending}
                onClick={() =>
                  rerun.mutate(
                    { sessionId, position: a.position },
                    {
                      onSuccess: () =>
                        notifySuccess('Grading again: the verdicts update when the runs finish'),
                      onError: notifyError,
                    },
                  )
                }
              >
                Re-run
              </Button>
            )}
          </Group>
          {run && (
            <>
              <Suspense fallback={<Code block>{run.source}</Code>}>
                <CodeEditor
                  value={run.source}
                  mode={modeOf(run.language)}
                  label={`Code in ${run.language}`}
                  readOnly
                  minHeight="80px"
                />
              </Suspense>
              {run.compile_output && (
                <Alert color="red" variant="light" title="Compiler output" icon={<IconAlertTriangle />}>
                  <Code block>{run.compile_output}</Code>
                </Alert>
              )}
              <Table.ScrollContainer minWidth={560}>
                <Table aria-label={`Test cases of question ${a.position + 1}`} verticalSpacing={4}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Case</Table.Th>
                      <Table.Th>Kind</Table.Th>
                      <Table.Th>Weight</Table.Th>
                      <Table.Th>Verdict</Table.Th>
                      <Table.Th>Time</Table.Th>
                      <Table.Th>Memory</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {run.cases.map((c) => (
                      <Table.Tr key={c.index}>
                        <Table.Td>{c.index + 1}</Table.Td>
                        <Table.Td>{c.visible ? 'visible' : 'hidden'}</Table.Td>
                        <Table.Td>{c.weight}</Table.Td>
                        <Table.Td>
                          <Group gap={4} wrap="nowrap">
                            <ThemeIcon
                              size="xs"
                              radius="xl"
                              color={
                                c.verdict === 'accepted' || c.verdict === 'passed'
                                  ? 'green'
                                  : c.verdict
                                    ? 'red'
                                    : 'gray'
                              }
                            >
                              {c.verdict === 'accepted' || c.verdict === 'passed' ? (
                                <IconCheck size={10} />
                              ) : (
                                <IconX size={10} />
                              )}
                            </ThemeIcon>
                            <Text size="xs">{verdictLabel(c.verdict)}</Text>
                          </Group>
                          {c.message && (
                            <Text size="xs" c="dimmed">
                              {c.message}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>{c.time_ms != null ? `${c.time_ms} ms` : '—'}</Table.Td>
                        <Table.Td>
                          {c.memory_kb != null ? `${Math.round(c.memory_kb / 1024)} MB` : '—'}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </>
          )}
        </>
      )}
      {canMark && <CodeReview sessionId={sessionId} a={a} />}
    </Stack>
  )
}

const MARKS: { value: ReviewMark; label: string; color: string }[] = [
  { value: 'accept', label: 'Accept', color: 'green' },
  { value: 'needs_discussion', label: 'Needs discussion', color: 'orange' },
  { value: 'reject', label: 'Reject', color: 'red' },
]

/** An interviewer's verdict on the code (seed: accept / needs discussion / reject), with a note for the panel. */
function CodeReview({ sessionId, a }: { sessionId: string; a: AnswerResult }) {
  const mark = useMarkAnswer()
  const form = useForm({
    initialValues: { mark: (a.review_mark ?? '') as ReviewMark | '', note: a.review_note ?? '' },
    validate: (v) => ({
      mark: v.mark ? null : 'Choose a verdict.',
      note: v.note.length > (MarkLimits.note?.maxLength ?? 5000) ? 'Too long.' : null,
    }),
  })
  const submit = form.onSubmit(async (v) => {
    try {
      await mark.mutateAsync({
        sessionId,
        position: a.position,
        body: { mark: v.mark as ReviewMark, note: v.note },
      })
      notifySuccess('Code review saved')
      form.resetDirty()
    } catch (err) {
      applyProblem(form, err)
    }
  })
  const current = MARKS.find((m) => m.value === a.review_mark)
  return (
    <form onSubmit={submit} noValidate aria-label={`Review the code of question ${a.position + 1}`}>
      <Stack gap="xs" p="sm" style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }}>
        <Group justify="space-between">
          <Title order={3} size="h6">
            Code review
          </Title>
          {current && (
            <Badge color={current.color} variant="light">
              {current.label}
            </Badge>
          )}
        </Group>
        <SegmentedControl
          aria-label="Verdict on the code"
          w="fit-content"
          data={MARKS.map((m) => ({ value: m.value, label: m.label }))}
          {...form.getInputProps('mark')}
        />
        {form.errors.mark && (
          <Text size="xs" c="red">
            {form.errors.mark}
          </Text>
        )}
        <Textarea label="Note for the panel" autosize minRows={2} {...form.getInputProps('note')} />
        <FormError form={form} />
        <Button type="submit" size="xs" w="fit-content" loading={form.submitting} disabled={!form.isDirty()}>
          Save review
        </Button>
      </Stack>
    </form>
  )
}
