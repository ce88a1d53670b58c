import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Grid,
  Group,
  NumberInput,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { modals } from '@mantine/modals'
import { useForm } from '@mantine/form'
import { useQueryClient } from '@tanstack/react-query'
import { IconDownload } from '@tabler/icons-react'
import { useEffect, useRef, useState } from 'react'
import { useParams } from 'react-router'
import { download } from '../../api/client'
import { BankQuestionDetails } from '../../components/content/BankQuestionDetails'
import { SuggestQuestionButton } from '../../components/content/QuestionFeedback'
import { ErrorState, LoadingRows } from '../../components/states'
import { formatDateTime } from '../../lib/format'
import { ScorecardWrite as ScorecardLimits } from '../../api/limits'
import { FormError } from '../../components/FormError'
import { apiRules, applyProblem } from '../../lib/form'
import { notifyError, notifySuccess } from '../../lib/notify'
import { errorMessage } from '../../lib/problem'
import { useAuth } from '../../lib/useAuth'
import {
  saveScorecard,
  useInterview,
  useInterviewStatus,
  useScorecards,
  type Scorecard,
  type ScorecardWrite,
} from '../../queries/interviews'
import { INTERVIEW_STATUS_COLORS } from './interviewStatus'
import { CandidateContext } from './CandidateContext'
import { InterviewActions } from './InterviewActions'
import { label, RECOMMENDATIONS } from '../../components/decisions/recommendation'
import { RecommendationBadge } from '../../components/decisions/RecommendationBadge'

const RECOMMENDATION_OPTIONS = Object.entries(RECOMMENDATIONS).map(([value, r]) => ({
  value,
  label: r.label,
}))

function ScorecardForm({
  interviewId,
  attributes,
  mine,
}: {
  interviewId: string
  attributes: string[]
  mine: Scorecard | undefined
}) {
  const queryClient = useQueryClient()
  const locked = mine?.status === 'submitted'
  const form = useForm<ScorecardWrite>({
    initialValues: {
      overall_rating: mine?.overall_rating ?? null,
      recommendation: mine?.recommendation ?? null,
      ratings: (mine?.ratings ?? {}) as ScorecardWrite['ratings'],
      strengths: mine?.strengths ?? '',
      weaknesses: mine?.weaknesses ?? '',
      notes: mine?.notes ?? '',
      follow_up: mine?.follow_up ?? false,
    },
    validate: apiRules(ScorecardLimits),
  })
  const [saved, setSaved] = useState<string | null>(mine ? 'Draft saved' : null)
  const [debounced] = useDebouncedValue(form.values, 800)
  const first = useRef(true)

  // Every change is saved as a draft a moment after typing stops; only submitting locks the scorecard.
  useEffect(() => {
    if (first.current || locked) {
      first.current = false
      return
    }
    saveScorecard(interviewId, debounced, false)
      .then(() => setSaved(`Draft saved ${new Date().toLocaleTimeString()}`))
      .catch((e) => setSaved(`Not saved: ${errorMessage(e)}`))
  }, [debounced, interviewId, locked])

  const submit = form.onSubmit((values) => {
    modals.openConfirmModal({
      title: 'Submit your scorecard?',
      children: (
        <Text size="sm">It is locked afterwards, and you will see the other panelists' feedback.</Text>
      ),
      labels: { confirm: 'Submit', cancel: 'Keep editing' },
      onConfirm: () =>
        saveScorecard(interviewId, values, true)
          .then(() => {
            notifySuccess('Scorecard submitted')
            void queryClient.invalidateQueries({ queryKey: ['interviews'] })
          })
          .catch((e) => {
            applyProblem(form, e)
            notifyError(e, 'Not submitted')
          }),
    })
  })

  const rating = (value: unknown) => (value === '' || value == null ? null : String(value))
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormError form={form} />
        {locked && (
          <Alert color="green">Submitted {formatDateTime(mine?.submitted_at)}. An admin can reopen it.</Alert>
        )}
        <Group align="flex-end">
          <NumberInput
            label="Overall rating (1–5)"
            min={1}
            max={5}
            step={0.5}
            decimalScale={1}
            w={180}
            disabled={locked}
            value={form.values.overall_rating != null ? Number(form.values.overall_rating) : ''}
            onChange={(v) => form.setFieldValue('overall_rating', rating(v))}
            error={form.errors.overall_rating}
          />
          <div>
            <Text size="sm" fw={500} mb={4}>
              Recommendation
            </Text>
            <SegmentedControl
              aria-label="Recommendation"
              disabled={locked}
              data={RECOMMENDATION_OPTIONS}
              value={form.values.recommendation ?? ''}
              onChange={(v) => form.setFieldValue('recommendation', v as ScorecardWrite['recommendation'])}
            />
          </div>
        </Group>
        <Grid>
          {attributes.map((a) => (
            <Grid.Col key={a} span={{ base: 6, md: 'auto' }}>
              <NumberInput
                label={label(a)}
                min={1}
                max={5}
                step={0.5}
                decimalScale={1}
                disabled={locked}
                value={form.values.ratings?.[a] != null ? Number(form.values.ratings[a]) : ''}
                onChange={(v) => {
                  const ratings = { ...(form.values.ratings ?? {}) } as Record<string, string>
                  if (v === '') delete ratings[a]
                  else ratings[a] = String(v)
                  form.setFieldValue('ratings', ratings as ScorecardWrite['ratings'])
                }}
              />
            </Grid.Col>
          ))}
        </Grid>
        <Textarea
          label="Strengths"
          autosize
          minRows={2}
          disabled={locked}
          {...form.getInputProps('strengths')}
        />
        <Textarea
          label="Weaknesses"
          autosize
          minRows={2}
          disabled={locked}
          {...form.getInputProps('weaknesses')}
        />
        <Textarea label="Notes" autosize minRows={3} disabled={locked} {...form.getInputProps('notes')} />
        <Checkbox
          label="Needs a follow-up"
          disabled={locked}
          {...form.getInputProps('follow_up', { type: 'checkbox' })}
        />
        {!locked && (
          <Group justify="space-between">
            <Text size="xs" c="dimmed" aria-live="polite">
              {saved ?? 'Changes are saved as a draft automatically.'}
            </Text>
            <Button type="submit">Submit scorecard</Button>
          </Group>
        )}
      </Stack>
    </form>
  )
}

export function InterviewKitPage() {
  const { id = '' } = useParams()
  const { me, can } = useAuth()
  const interview = useInterview(id)
  const scorecards = useScorecards(id)
  const changeStatus = useInterviewStatus()
  const i = interview.data
  if (interview.isError)
    return <ErrorState error={interview.error} onRetry={() => void interview.refetch()} />
  if (!i || !scorecards.data) return <LoadingRows />
  const onPanel = !!me && i.panel_ids.includes(me.id)
  const mine = scorecards.data.find((c) => c.interviewer_id === me?.id)
  const others = scorecards.data.filter((c) => c.interviewer_id !== me?.id)
  return (
    <>
      <Group justify="space-between" mb="md" align="flex-start">
        <Stack gap={2}>
          <Title order={1} size="h2">
            {i.candidate_name}
          </Title>
          <Text c="dimmed">
            {i.requisition_title} · {i.type.replace('_', ' ')} · {i.mode} · {formatDateTime(i.starts_at)} (
            {i.duration_minutes} min)
          </Text>
          <Group gap="xs">
            <Badge variant="light" color={INTERVIEW_STATUS_COLORS[i.status]}>
              {i.status.replace('_', ' ')}
            </Badge>
            {i.candidate_response && <Badge variant="outline">candidate {i.candidate_response}</Badge>}
          </Group>
        </Stack>
        <Group gap="xs">
          <Button
            variant="default"
            leftSection={<IconDownload size={16} />}
            onClick={() =>
              download(`/api/v1/interviews/${i.id}/resume`, `${i.candidate_name} résumé`).catch(notifyError)
            }
          >
            Résumé
          </Button>
          {can('interviews:schedule') && <InterviewActions interview={i} />}
          {i.status === 'scheduled' && (
            <Button
              variant="light"
              onClick={() =>
                changeStatus.mutate({ id: i.id, status: 'in_progress' }, { onError: notifyError })
              }
            >
              Start
            </Button>
          )}
          {(i.status === 'scheduled' || i.status === 'in_progress') && (
            <Button
              variant="light"
              color="green"
              onClick={() => changeStatus.mutate({ id: i.id, status: 'completed' }, { onError: notifyError })}
            >
              Mark completed
            </Button>
          )}
        </Group>
      </Group>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack>
            <CandidateContext interviewId={i.id} applicationId={i.application_id} />
            <Card withBorder radius="md">
              <Title order={2} size="h4" mb="xs">
                Where
              </Title>
              <Text size="sm">{i.location ?? 'To be announced'}</Text>
              {i.preparation_notes && (
                <>
                  <Title order={3} size="h5" mt="md">
                    Preparation
                  </Title>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {i.preparation_notes}
                  </Text>
                </>
              )}
            </Card>
            <Card withBorder radius="md">
              <Group justify="space-between" mb="xs">
                <Title order={2} size="h4">
                  Question guide
                </Title>
                <SuggestQuestionButton size="xs" variant="subtle" />
              </Group>
              {i.guide.length === 0 ? (
                <Text size="sm" c="dimmed">
                  No guide for this interview.
                </Text>
              ) : (
                <Stack gap="xs" component="ol" style={{ paddingLeft: 18 }}>
                  {i.guide.map((q, n) => (
                    <li key={n}>
                      <Text size="sm">{q.text}</Text>
                      {q.question_id && <BankQuestionDetails questionId={q.question_id} />}
                      <Group gap={4}>
                        <Badge size="xs" variant="light">
                          {q.category}
                        </Badge>
                        <Badge size="xs" variant="outline">
                          {q.difficulty}
                        </Badge>
                      </Group>
                    </li>
                  ))}
                </Stack>
              )}
            </Card>
            <Card withBorder radius="md">
              <Title order={2} size="h4" mb="xs">
                Panel feedback
              </Title>
              {others.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {onPanel && mine?.status !== 'submitted'
                    ? 'Submit yours to see the other panelists\u2019 scorecards.'
                    : 'No other scorecards yet.'}
                </Text>
              ) : (
                others.map((c) => (
                  <Group key={c.id} justify="space-between" py={4}>
                    <Text size="sm">{Number(c.overall_rating)}/5</Text>
                    {c.recommendation && <RecommendationBadge value={c.recommendation} />}
                  </Group>
                ))
              )}
            </Card>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Card withBorder radius="md">
            <Title order={2} size="h4" mb="sm">
              Your scorecard
            </Title>
            {onPanel ? (
              <ScorecardForm interviewId={i.id} attributes={i.scorecard_attributes} mine={mine} />
            ) : (
              <Text size="sm" c="dimmed">
                You are not on this panel.
              </Text>
            )}
          </Card>
        </Grid.Col>
      </Grid>
    </>
  )
}
