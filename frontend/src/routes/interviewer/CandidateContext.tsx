import { Badge, Card, Group, Skeleton, Stack, Text, Title } from '@mantine/core'
import { useApplicationSessions } from '../../queries/assessments'
import { formatDateTime, formatRelative } from '../../lib/format'
import { useInterviewCandidate } from '../../queries/interviews'
import { label } from '../../components/decisions/recommendation'
import { RecommendationBadge } from '../../components/decisions/RecommendationBadge'
import { IntegritySummary } from '../../components/integrity/IntegritySummary'
import { ResultsLink } from '../../components/ResultsLink'

/** The interview kit's candidate summary and the results of the interviews before this one. */
export function CandidateContext({
  interviewId,
  applicationId,
}: {
  interviewId: string
  applicationId?: string
}) {
  const context = useInterviewCandidate(interviewId)
  const c = context.data
  return (
    <Card withBorder radius="md" component="section" aria-label="Candidate summary">
      <Title order={2} size="h4" mb="xs">
        Candidate
      </Title>
      {!c ? (
        context.isError ? (
          <Text size="sm" c="red">
            Could not load the candidate.
          </Text>
        ) : (
          <Skeleton height={60} />
        )
      ) : (
        <Stack gap="xs">
          <Text size="sm">
            {[c.location, c.source && `via ${c.source}`, `applied ${formatRelative(c.applied_at)}`]
              .filter(Boolean)
              .join(' · ')}
          </Text>
          <Group gap={4}>
            {c.stage_name && <Badge variant="light">{c.stage_name}</Badge>}
            {c.application_score != null && (
              <Badge variant="outline">Score so far {Number(c.application_score)}</Badge>
            )}
            {c.tags.map((t) => (
              <Badge key={t} variant="dot" color="gray">
                {t}
              </Badge>
            ))}
          </Group>
          {applicationId && <StepOneTests applicationId={applicationId} />}
          <Title order={3} size="h5" mt="xs">
            Earlier results
          </Title>
          {c.earlier.length === 0 ? (
            <Text size="sm" c="dimmed">
              This is the first interview.
            </Text>
          ) : (
            c.earlier.map((e, n) => (
              <Group key={n} justify="space-between" wrap="nowrap">
                <Text size="sm">
                  {label(e.interview_type)} · {e.interviewer_name}
                  <Text span size="xs" c="dimmed">
                    {' '}
                    {formatDateTime(e.starts_at)}
                  </Text>
                </Text>
                <Group gap={4} wrap="nowrap">
                  <Text size="sm" fw={600}>
                    {e.overall_rating != null ? `${Number(e.overall_rating)}/5` : ''}
                  </Text>
                  {e.recommendation && <RecommendationBadge value={e.recommendation} />}
                </Group>
              </Group>
            ))
          )}
        </Stack>
      )}
    </Card>
  )
}

/** The candidate's Step-1 tests, each opening its results (where an interviewer reviews the code). */
function StepOneTests({ applicationId }: { applicationId: string }) {
  const sessions = useApplicationSessions(applicationId)
  const done = (sessions.data ?? []).filter((s) => s.status !== 'in_progress')
  if (done.length === 0) return null
  return (
    <>
      <Title order={3} size="h5" mt="xs">
        Online assessment
      </Title>
      {done.map((s) => (
        <Stack key={s.id} gap={4}>
          <Group justify="space-between" wrap="nowrap">
            <Text size="sm">{s.assessment_name ?? 'Assessment'}</Text>
            <Group gap={4} wrap="nowrap">
              <Text size="sm" fw={600}>
                {s.score != null ? `${Math.round(Number(s.score) * 10) / 10}%` : 'grading'}
              </Text>
              <ResultsLink sessionId={s.id}>Results and code</ResultsLink>
            </Group>
          </Group>
          {/* The panel weighs the integrity summary like the score: it informs, it never decides. */}
          <IntegritySummary sessionId={s.id} brief={s.integrity} compact />
        </Stack>
      ))}
    </>
  )
}
