import {
  Alert,
  Badge,
  Button,
  Card,
  Code,
  Grid,
  Group,
  Image,
  List,
  Modal,
  ScrollArea,
  SegmentedControl,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Textarea,
  Timeline,
  Title,
} from '@mantine/core'
import { IconCamera, IconMessageCircle } from '@tabler/icons-react'
import { useState } from 'react'
import { useParams } from 'react-router'
import { QueryView } from '../../components/QueryView'
import { EmptyState } from '../../components/states'
import { formatDateTime } from '../../lib/format'
import { notifyError, notifySuccess } from '../../lib/notify'
import {
  useIntegrityReview,
  useReviewEvent,
  useSideBySide,
  useSnapshot,
  useVerdict,
  type IntegrityEvent,
  type IntegrityReview,
} from '../../queries/proctoring'
import { formatSeconds, SEVERITY_COLORS, VERDICT_LABELS } from './labels'
import { TierBadge } from '../../components/integrity/TierBadge'

function Snapshot({ sessionId, event }: { sessionId: string; event: IntegrityEvent }) {
  const img = useSnapshot(sessionId, event.id)
  if (img.isLoading) return <Skeleton w={120} h={90} />
  if (!img.data) return <Text size="xs">Snapshot unavailable</Text>
  const faces = event.faces === null ? 'faces not checked yet' : `${event.faces} face(s)`
  return (
    <Image
      src={img.data}
      w={120}
      h={90}
      radius="sm"
      fit="cover"
      alt={`Webcam snapshot at ${formatDateTime(event.occurred_at)}, ${faces}`}
    />
  )
}

function EventDetail({ e }: { e: IntegrityEvent }) {
  const parts: string[] = []
  if (e.duration_ms) parts.push(formatSeconds(Math.round(e.duration_ms / 1000)))
  if (e.length !== null && e.length !== undefined) parts.push(`${e.length.toLocaleString()} characters`)
  if (e.faces !== null && e.faces !== undefined && e.type !== 'webcam_snapshot')
    parts.push(`${e.faces} face(s)`)
  const data = e.data as Record<string, unknown>
  if (typeof data.score === 'number') parts.push(`${Math.round(data.score)}% similar`)
  if (typeof data.from === 'string' && typeof data.to === 'string') parts.push(`${data.from} → ${data.to}`)
  if (typeof data.outcome === 'string') parts.push(data.outcome.replace('_', ' '))
  return parts.length ? <Text size="xs">{parts.join(' · ')}</Text> : null
}

function ReviewForm({ sessionId, event }: { sessionId: string; event: IntegrityEvent }) {
  const [note, setNote] = useState('')
  const review = useReviewEvent(sessionId)
  const act = (decision: 'confirmed' | 'dismissed') =>
    review.mutate(
      { eventId: event.id, decision, note },
      {
        onSuccess: () => notifySuccess(decision === 'confirmed' ? 'Flag confirmed' : 'Flag dismissed'),
        onError: notifyError,
      },
    )
  return (
    <Stack gap={6} mt={6} maw={520}>
      <Textarea
        label="Reviewer's note"
        description="Why you confirm or dismiss this flag (the candidate never sees it)."
        autosize
        minRows={1}
        value={note}
        onChange={(ev) => setNote(ev.currentTarget.value)}
      />
      <Group gap="xs">
        <Button
          size="xs"
          color="red"
          variant="light"
          disabled={!note.trim()}
          onClick={() => act('confirmed')}
        >
          Confirm
        </Button>
        <Button size="xs" variant="default" disabled={!note.trim()} onClick={() => act('dismissed')}>
          Dismiss
        </Button>
      </Group>
    </Stack>
  )
}

type Row = { at: string; kind: 'event'; event: IntegrityEvent } | { at: string; kind: 'save'; title: string }

function TimelineView({ review }: { review: IntegrityReview }) {
  const rows: Row[] = [
    ...review.events.map((event) => ({ at: event.occurred_at, kind: 'event' as const, event })),
    ...review.answers
      .filter((a) => a.saved_at)
      .map((a) => ({ at: a.saved_at as string, kind: 'save' as const, title: `Answer saved: ${a.title}` })),
  ].sort((a, b) => a.at.localeCompare(b.at))
  if (rows.length === 0)
    return (
      <EmptyState title={review.summary.purged_at ? 'Events removed' : 'Nothing recorded'}>
        {review.summary.purged_at
          ? 'The retention period has passed: the raw events and snapshots were deleted; the summary remains.'
          : 'No proctoring event for this session.'}
      </EmptyState>
    )
  return (
    <Timeline bulletSize={14} lineWidth={2}>
      {rows.map((r, i) =>
        r.kind === 'save' ? (
          <Timeline.Item key={`s${i}`} color="gray" title={<Text size="sm">{r.title}</Text>}>
            <Text size="xs" c="dimmed">
              {formatDateTime(r.at)}
            </Text>
          </Timeline.Item>
        ) : (
          <Timeline.Item
            key={r.event.id}
            color={SEVERITY_COLORS[r.event.severity]}
            bullet={r.event.has_snapshot ? <IconCamera size={10} /> : undefined}
            title={
              <Group gap="xs">
                <Text size="sm" fw={500}>
                  {r.event.label}
                </Text>
                <Badge size="xs" variant="light" color={SEVERITY_COLORS[r.event.severity]}>
                  {r.event.severity}
                </Badge>
                {r.event.source === 'server' && (
                  <Badge size="xs" variant="outline" color="gray">
                    server
                  </Badge>
                )}
                {r.event.review_status && r.event.review_status !== 'pending' && (
                  <Badge size="xs" color={r.event.review_status === 'confirmed' ? 'red' : 'gray'}>
                    {r.event.review_status}
                  </Badge>
                )}
              </Group>
            }
          >
            <Text size="xs" c="dimmed">
              {formatDateTime(r.event.occurred_at)}
            </Text>
            <EventDetail e={r.event} />
            {r.event.has_snapshot && <Snapshot sessionId={review.session_id} event={r.event} />}
            {r.event.candidate_note && (
              <Alert
                variant="light"
                color="blue"
                icon={<IconMessageCircle size={16} />}
                p="xs"
                mt={4}
                maw={520}
              >
                <Text size="xs">
                  <b>Candidate's explanation:</b> {r.event.candidate_note}
                </Text>
              </Alert>
            )}
            {r.event.review_note && (
              <Text size="xs" mt={4}>
                <b>Review note:</b> {r.event.review_note}
              </Text>
            )}
            {r.event.review_status === 'pending' && (
              <ReviewForm sessionId={review.session_id} event={r.event} />
            )}
          </Timeline.Item>
        ),
      )}
    </Timeline>
  )
}

function SideBySideModal({
  sessionId,
  pairId,
  onClose,
}: {
  sessionId: string
  pairId: string | null
  onClose: () => void
}) {
  const pair = useSideBySide(sessionId, pairId)
  return (
    <Modal opened={pairId !== null} onClose={onClose} title="Code side by side" size="90%">
      {pair.data ? (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          {[
            { label: pair.data.candidate_name, code: pair.data.code },
            { label: pair.data.other_label, code: pair.data.other_code },
          ].map((side) => (
            <Stack key={side.label} gap={4}>
              <Text fw={600} size="sm">
                {side.label}
              </Text>
              <ScrollArea h={420} type="auto">
                <Code block>{side.code || '(no code)'}</Code>
              </ScrollArea>
            </Stack>
          ))}
        </SimpleGrid>
      ) : (
        <Skeleton h={300} />
      )}
    </Modal>
  )
}

function VerdictForm({ review }: { review: IntegrityReview }) {
  const [verdict, setVerdict] = useState<'clear' | 'concern' | 'violation'>('clear')
  const [note, setNote] = useState('')
  const save = useVerdict(review.session_id)
  const s = review.summary
  if (s.verdict)
    return (
      <Stack gap={4}>
        <Text size="sm">
          Verdict: <b>{VERDICT_LABELS[s.verdict]}</b> ({formatDateTime(s.verdict_at)})
        </Text>
        <Text size="sm">{s.verdict_note}</Text>
      </Stack>
    )
  if (review.status === 'in_progress')
    return <Text size="sm">The verdict is recorded once the test is closed.</Text>
  return (
    <Stack gap="xs">
      {s.pending_reviews > 0 && (
        <Text size="sm" c="red.9">
          {s.pending_reviews} flagged event(s) still to review before a verdict.
        </Text>
      )}
      <SegmentedControl
        aria-label="Verdict"
        value={verdict}
        onChange={(v) => setVerdict(v as typeof verdict)}
        data={Object.entries(VERDICT_LABELS).map(([value, label]) => ({ value, label }))}
      />
      <Textarea
        label="Verdict note"
        autosize
        minRows={2}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
      />
      <Button
        disabled={!note.trim() || s.pending_reviews > 0}
        loading={save.isPending}
        onClick={() =>
          save.mutate(
            { verdict, note },
            { onSuccess: () => notifySuccess('Verdict recorded'), onError: notifyError },
          )
        }
      >
        Record verdict
      </Button>
    </Stack>
  )
}

export function IntegrityReviewPage() {
  const { id = '' } = useParams()
  const review = useIntegrityReview(id)
  const [pairId, setPairId] = useState<string | null>(null)
  const r = review.data
  return (
    <QueryView query={review} isEmpty={!r} empty={null}>
      {r && (
        <>
          <Group justify="space-between" align="flex-end" mb="lg">
            <Stack gap={2}>
              <Title order={1} size="h2">
                Integrity review: {r.candidate_name}
              </Title>
              <Text c="dimmed" size="sm">
                {r.assessment_name} · started {formatDateTime(r.started_at)} · {r.status.replace('_', ' ')}
              </Text>
            </Stack>
            <TierBadge tier={r.summary.tier} />
          </Group>
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, md: 8 }}>
              <Card withBorder>
                <Title order={2} size="h4" mb="sm">
                  Timeline
                </Title>
                <TimelineView review={r} />
              </Card>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 4 }}>
              <Stack>
                <Card withBorder>
                  <Title order={2} size="h4" mb="xs">
                    Summary
                  </Title>
                  {r.summary.reasons.length ? (
                    <List size="sm" spacing={2}>
                      {r.summary.reasons.map((reason) => (
                        <List.Item key={reason}>{reason}</List.Item>
                      ))}
                    </List>
                  ) : (
                    <Text size="sm">Nothing of note was recorded.</Text>
                  )}
                  <Text size="xs" c="dimmed" mt="xs">
                    Signals inform the people deciding; they never reject a candidate on their own.
                  </Text>
                  {r.summary.candidate_note && (
                    <Alert variant="light" color="blue" mt="sm" title="The candidate's explanation">
                      {r.summary.candidate_note}
                    </Alert>
                  )}
                </Card>
                <Card withBorder>
                  <Title order={2} size="h4" mb="xs">
                    Code similarity
                  </Title>
                  {r.similarity.length === 0 ? (
                    <Text size="sm">No similar answers above the threshold.</Text>
                  ) : (
                    <Stack gap="xs">
                      {r.similarity.map((p) => (
                        <Group key={p.id} justify="space-between" wrap="nowrap">
                          <Text size="sm">
                            {p.question_title}: {Math.round(Number(p.score))}% like{' '}
                            {p.other_candidate_name ?? 'the reference solution'}
                          </Text>
                          <Button size="xs" variant="light" onClick={() => setPairId(p.id)}>
                            Compare
                          </Button>
                        </Group>
                      ))}
                    </Stack>
                  )}
                </Card>
                <Card withBorder>
                  <Title order={2} size="h4" mb="xs">
                    Verdict
                  </Title>
                  <VerdictForm review={r} />
                </Card>
              </Stack>
            </Grid.Col>
          </Grid>
          <SideBySideModal sessionId={r.session_id} pairId={pairId} onClose={() => setPairId(null)} />
        </>
      )}
    </QueryView>
  )
}
