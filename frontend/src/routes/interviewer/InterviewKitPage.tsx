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
import { notifications } from '@mantine/notifications'
import { useQueryClient } from '@tanstack/react-query'
import { IconDownload } from '@tabler/icons-react'
import { useEffect, useRef, useState } from 'react'
import { useParams } from 'react-router'
import { download } from '../../api/client'
import { ErrorState, LoadingRows } from '../../components/states'
import { formatDateTime } from '../../lib/format'
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
import { label, RECOMMENDATIONS } from '../decisions/recommendation'
import { RecommendationBadge } from '../decisions/RecommendationBadge'

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
  const [form, setForm] = useState<ScorecardWrite>({
    overall_rating: mine?.overall_rating ?? null,
    recommendation: mine?.recommendation ?? null,
    ratings: (mine?.ratings ?? {}) as ScorecardWrite['ratings'],
    strengths: mine?.strengths ?? '',
    weaknesses: mine?.weaknesses ?? '',
    notes: mine?.notes ?? '',
    follow_up: mine?.follow_up ?? false,
  })
  const [saved, setSaved] = useState<string | null>(mine ? 'Draft saved' : null)
  const [debounced] = useDebouncedValue(form, 800)
  const first = useRef(true)

  useEffect(() => {
    if (first.current || locked) {
      first.current = false
      return
    }
    saveScorecard(interviewId, debounced, false)
      .then(() => setSaved(`Draft saved ${new Date().toLocaleTimeString()}`))
      .catch((e) => setSaved(`Not saved: ${errorMessage(e)}`))
  }, [debounced, interviewId, locked])

  const submit = () =>
    modals.openConfirmModal({
      title: 'Submit your scorecard?',
      children: (
        <Text size="sm">It is locked afterwards, and you will see the other panelists' feedback.</Text>
      ),
      labels: { confirm: 'Submit', cancel: 'Keep editing' },
      onConfirm: () =>
        saveScorecard(interviewId, form, true)
          .then(() => {
            notifications.show({ color: 'green', message: 'Scorecard submitted' })
            void queryClient.invalidateQueries({ queryKey: ['interviews'] })
          })
          .catch((e) =>
            notifications.show({ color: 'red', title: 'Not submitted', message: errorMessage(e) }),
          ),
    })

  const rating = (value: unknown) => (value === '' || value == null ? null : String(value))
  return (
    <Stack>
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
          value={form.overall_rating != null ? Number(form.overall_rating) : ''}
          onChange={(v) => setForm({ ...form, overall_rating: rating(v) })}
        />
        <div>
          <Text size="sm" fw={500} mb={4}>
            Recommendation
          </Text>
          <SegmentedControl
            aria-label="Recommendation"
            disabled={locked}
            data={RECOMMENDATION_OPTIONS}
            value={form.recommendation ?? ''}
            onChange={(v) => setForm({ ...form, recommendation: v as ScorecardWrite['recommendation'] })}
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
              value={form.ratings?.[a] != null ? Number(form.ratings[a]) : ''}
              onChange={(v) => {
                const ratings = { ...(form.ratings ?? {}) } as Record<string, string>
                if (v === '') delete ratings[a]
                else ratings[a] = String(v)
                setForm({ ...form, ratings: ratings as ScorecardWrite['ratings'] })
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
        value={form.strengths}
        onChange={(e) => setForm({ ...form, strengths: e.currentTarget.value })}
      />
      <Textarea
        label="Weaknesses"
        autosize
        minRows={2}
        disabled={locked}
        value={form.weaknesses}
        onChange={(e) => setForm({ ...form, weaknesses: e.currentTarget.value })}
      />
      <Textarea
        label="Notes"
        autosize
        minRows={3}
        disabled={locked}
        value={form.notes}
        onChange={(e) => setForm({ ...form, notes: e.currentTarget.value })}
      />
      <Checkbox
        label="Needs a follow-up"
        disabled={locked}
        checked={form.follow_up}
        onChange={(e) => setForm({ ...form, follow_up: e.currentTarget.checked })}
      />
      {!locked && (
        <Group justify="space-between">
          <Text size="xs" c="dimmed" aria-live="polite">
            {saved ?? 'Changes are saved as a draft automatically.'}
          </Text>
          <Button onClick={submit}>Submit scorecard</Button>
        </Group>
      )}
    </Stack>
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
              download(`/api/v1/interviews/${i.id}/resume`, `${i.candidate_name} résumé`).catch((e) =>
                notifications.show({ color: 'red', message: errorMessage(e) }),
              )
            }
          >
            Résumé
          </Button>
          {can('interviews:schedule') && <InterviewActions interview={i} />}
          {i.status === 'scheduled' && (
            <Button variant="light" onClick={() => changeStatus.mutate({ id: i.id, status: 'in_progress' })}>
              Start
            </Button>
          )}
          {(i.status === 'scheduled' || i.status === 'in_progress') && (
            <Button
              variant="light"
              color="green"
              onClick={() => changeStatus.mutate({ id: i.id, status: 'completed' })}
            >
              Mark completed
            </Button>
          )}
        </Group>
      </Group>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack>
            <CandidateContext interviewId={i.id} />
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
              <Title order={2} size="h4" mb="xs">
                Question guide
              </Title>
              {i.guide.length === 0 ? (
                <Text size="sm" c="dimmed">
                  No guide for this interview.
                </Text>
              ) : (
                <Stack gap="xs" component="ol" style={{ paddingLeft: 18 }}>
                  {i.guide.map((q, n) => (
                    <li key={n}>
                      <Text size="sm">{q.text}</Text>
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
