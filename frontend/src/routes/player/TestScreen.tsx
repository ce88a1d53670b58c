import {
  Alert,
  Box,
  Button,
  Divider,
  Grid,
  Group,
  List,
  Modal,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import {
  IconArrowLeft,
  IconArrowRight,
  IconClock,
  IconFlag,
  IconFlagFilled,
  IconHourglass,
  IconSend,
  IconWifiOff,
} from '@tabler/icons-react'
import { lazy, Suspense, useCallback, useEffect, useRef, useState, type ReactNode } from 'react'
import { errorMessage } from '../../lib/problem'
import { ChoiceAnswer } from './answers/ChoiceAnswer'
import { EssayAnswer } from './answers/EssayAnswer'
import { formatClock, spokenTime, urgency } from './clock'
import { PlayerFrame } from './PlayerFrame'
import { questionKey, stateKey, usePlayerSession, useQueueState } from './sessionContext'
import { api, isNetworkError, type PlayerQuestion, type SessionState } from './playerApi'
import { SaveIndicator, TimeWarning, Timer } from './StatusBar'
import { useRemaining } from './useRemaining'
import { RichText } from './Text'
import classes from './player.module.css'

const CodingAnswer = lazy(() => import('./answers/CodingAnswer'))

export type Ending = { reason: 'submitted' | 'time_up' | 'closed'; lost: number[]; state?: SessionState }

const TYPES: Record<string, string> = {
  mcq_single: 'Multiple choice',
  mcq_multi: 'Multiple answers',
  essay: 'Written answer',
  coding: 'Coding',
}

const points = (p: string | number) => `${Number(p)} point${Number(p) === 1 ? '' : 's'}`

/** The test itself: one question per screen, the navigator, the timer and the save status always in view. */
export function TestScreen({ onEnded }: { onEnded: (ending: Ending) => void }) {
  const session = usePlayerSession()
  const { state, overview, queue } = session
  const queryClient = useQueryClient()
  const saves = useQueueState(queue)
  const [position, setPosition] = useState(state.current_position)
  const [confirming, setConfirming] = useState(false)
  // A question in a timed section not opened yet: the candidate confirms before its clock starts.
  const [gate, setGate] = useState<number | null>(null)
  const [closing, setClosing] = useState(false)
  const items = state.items
  const index = Math.max(
    0,
    items.findIndex((i) => i.position === position),
  )
  const item = items[index]

  const timeUp = useCallback(() => {
    // The server closes the test at the deadline by itself; we send what waits, and wait for the answers to what
    // is already travelling (a change that arrives late is refused with a 409), then say what was kept.
    setClosing(true)
    void queue.flush().finally(() => onEnded({ reason: 'time_up', lost: queue.getState().lost }))
  }, [queue, onEnded])
  const remaining = useRemaining(state.deadline_at, timeUp)

  useEffect(() => {
    if (session.closedReason) onEnded({ reason: 'closed', lost: queue.getState().lost })
  }, [session.closedReason, onEnded, queue])

  const sectionAt = (p: number) => {
    const target = items.find((i) => i.position === p)
    return state.sections.find((s) => s.index === target?.section_index)
  }

  const go = (next: number) => {
    if (next === position) return
    const section = sectionAt(next)
    if (section?.time_limit_minutes && !section.opened_at) {
      setGate(next)
      return
    }
    // Leaving a question: its waiting changes go now rather than after the pause.
    void queue.flush()
    setPosition(next)
    queryClient.setQueryData<SessionState>(stateKey, (s) => (s ? { ...s, current_position: next } : s))
    // The server keeps the position (resume on any device) and counts the time spent per question.
    api.navigate(next).catch(() => undefined)
  }

  /** Open a timed section: the server starts its clock now and says when it closes. */
  const openSection = async (next: number) => {
    void queue.flush()
    const index = sectionAt(next)?.index
    const moved = await api.navigate(next)
    queryClient.setQueryData<SessionState>(stateKey, (s) =>
      s
        ? {
            ...s,
            current_position: next,
            sections: s.sections.map((sec) =>
              sec.index === index
                ? {
                    ...sec,
                    opened_at: sec.opened_at ?? moved.server_time,
                    closes_at: moved.section_closes_at,
                  }
                : sec,
            ),
          }
        : s,
    )
    setGate(null)
    setPosition(next)
  }

  const answeredCount = items.filter((i) => session.answered(i.position)).length
  const unanswered = items.filter((i) => !session.answered(i.position))

  return (
    <PlayerFrame
      wide
      organization={overview.organization_name}
      title={overview.assessment_name}
      right={
        <Group gap="md" wrap="nowrap">
          <SaveIndicator state={saves} />
          <Timer seconds={remaining} />
          <Button
            leftSection={<IconSend size={16} aria-hidden />}
            onClick={() => setConfirming(true)}
            visibleFrom="sm"
          >
            Finish test
          </Button>
        </Group>
      }
    >
      {saves.status === 'offline' && (
        <Alert color="orange" variant="light" icon={<IconWifiOff />} mb="md" title="You are offline">
          Keep going: your answers are kept on this device and sent as soon as the connection returns. The
          timer keeps running on our side.
        </Alert>
      )}
      {closing ? (
        <Alert color="blue" variant="light" mb="md" title="Time is up" data-testid="time-up" role="note">
          The test is closing: your last changes are being sent. Everything saved before the deadline is
          submitted.
        </Alert>
      ) : (
        <TimeWarning seconds={remaining} />
      )}
      {saves.status === 'error' && (
        <Alert color="red" variant="light" mb="md" title="An answer could not be saved">
          {saves.message}
        </Alert>
      )}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 3 }} order={{ base: 2, md: 1 }}>
          <Navigator current={position} onGo={go} answeredCount={answeredCount} />
          <Button
            fullWidth
            mt="md"
            variant="default"
            leftSection={<IconSend size={16} aria-hidden />}
            onClick={() => setConfirming(true)}
          >
            Review and submit
          </Button>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 9 }} order={{ base: 1, md: 2 }}>
          {item && (
            <QuestionView
              key={item.position}
              position={item.position}
              number={index + 1}
              total={items.length}
              onPrevious={index > 0 ? () => go(items[index - 1].position) : undefined}
              onNext={index < items.length - 1 ? () => go(items[index + 1].position) : undefined}
              onReview={() => setConfirming(true)}
              disabled={remaining <= 0}
            />
          )}
        </Grid.Col>
      </Grid>
      <SubmitDialog
        opened={confirming}
        onClose={() => setConfirming(false)}
        unanswered={unanswered.map((i) => ({
          position: i.position,
          number: items.indexOf(i) + 1,
          title: i.title,
        }))}
        flagged={items
          .filter((i) => session.flagged(i.position))
          .map((i) => ({ position: i.position, number: items.indexOf(i) + 1, title: i.title }))}
        remaining={remaining}
        onGo={(p) => {
          setConfirming(false)
          go(p)
        }}
        onSubmitted={(s) => onEnded({ reason: 'submitted', lost: [], state: s })}
      />
      <SectionGate
        section={gate === null ? undefined : sectionAt(gate)}
        remaining={remaining}
        onOpen={() => (gate === null ? Promise.resolve() : openSection(gate))}
        onClose={() => setGate(null)}
      />
    </PlayerFrame>
  )
}

function Navigator({
  current,
  onGo,
  answeredCount,
}: {
  current: number
  onGo: (position: number) => void
  answeredCount: number
}) {
  const session = usePlayerSession()
  const { items, sections } = session.state
  return (
    <Paper withBorder radius="md" p="md" component="nav" aria-label="Questions">
      <Group justify="space-between" mb="sm">
        <Text fw={700}>Questions</Text>
        <Text size="sm" c="dimmed" data-testid="answered-count">
          {answeredCount} of {items.length} answered
        </Text>
      </Group>
      <Stack gap="sm">
        {sections.map((section) => {
          const inSection = items.filter((i) => i.section_index === section.index)
          return (
            <Box key={section.index}>
              {sections.length > 1 && (
                <Text size="xs" fw={700} c="dimmed" tt="uppercase" mb={6}>
                  {section.title}
                  {section.time_limit_minutes ? ` · own ${section.time_limit_minutes}-minute timer` : ''}
                </Text>
              )}
              <ul className={classes.navGrid}>
                {inSection.map((i) => {
                  const n = items.indexOf(i) + 1
                  const answered = session.answered(i.position)
                  const flagged = session.flagged(i.position)
                  return (
                    <li key={i.position}>
                      <button
                        type="button"
                        className={classes.navButton}
                        data-answered={answered || undefined}
                        aria-current={i.position === current ? 'step' : undefined}
                        aria-label={`Question ${n}, ${answered ? 'answered' : 'not answered'}${flagged ? ', flagged for review' : ''}`}
                        onClick={() => onGo(i.position)}
                      >
                        {n}
                        {flagged && (
                          <span className={classes.navFlag} aria-hidden>
                            <IconFlagFilled size={14} />
                          </span>
                        )}
                      </button>
                    </li>
                  )
                })}
              </ul>
            </Box>
          )
        })}
      </Stack>
      <Group gap="md" mt="md" aria-hidden>
        <Group gap={6}>
          <span className={classes.legendSwatch} style={{ background: 'var(--mantine-color-blue-0)' }} />
          <Text size="xs" c="dimmed">
            Answered
          </Text>
        </Group>
        <Group gap={6}>
          <span className={classes.legendSwatch} />
          <Text size="xs" c="dimmed">
            Not answered
          </Text>
        </Group>
        <Group gap={4}>
          <IconFlagFilled size={14} color="var(--mantine-color-orange-8)" />
          <Text size="xs" c="dimmed">
            For review
          </Text>
        </Group>
      </Group>
    </Paper>
  )
}

function QuestionView({
  position,
  number,
  total,
  onPrevious,
  onNext,
  onReview,
  disabled: testClosed,
}: {
  position: number
  number: number
  total: number
  onPrevious?: () => void
  onNext?: () => void
  onReview: () => void
  disabled: boolean
}) {
  const session = usePlayerSession()
  const query = useQuery({
    queryKey: questionKey(position),
    queryFn: () => api.question(position),
    staleTime: Infinity,
  })
  const heading = useRef<HTMLHeadingElement>(null)
  const loaded = !!query.data
  const sectionIndex = session.state.items.find((i) => i.position === position)?.section_index
  const section = session.state.sections.find((s) => s.index === sectionIndex)
  const timedSection = section?.time_limit_minutes && section.closes_at ? section : undefined
  // A timed section's own clock (the test's deadline when it has none, so the hook is always called).
  const sectionLeft = useRemaining(timedSection?.closes_at ?? session.state.deadline_at)
  const sectionClosed = !!timedSection && sectionLeft <= 0
  const disabled = testClosed || sectionClosed
  // A new question: focus its heading, so a screen reader reads it and Tab continues from there.
  useEffect(() => {
    if (loaded) heading.current?.focus()
  }, [loaded, position])

  if (query.isError)
    return (
      <Paper withBorder radius="md" p="xl">
        <Alert color="orange" title="This question did not load" role="alert">
          {errorMessage(query.error)} Your other answers are safe.
          <Button mt="sm" size="xs" onClick={() => void query.refetch()}>
            Try again
          </Button>
        </Alert>
      </Paper>
    )
  if (!query.data)
    return (
      <Paper withBorder radius="md" p="xl" aria-busy="true" aria-label="Loading the question">
        <Skeleton height={20} width="40%" />
        <Skeleton height={28} mt="md" width="70%" />
        <Skeleton height={120} mt="md" />
      </Paper>
    )

  const q = query.data
  const draft = session.draft(position, q)
  const answer = draft?.answer ?? null
  const flagged = draft?.flagged ?? q.flagged
  const change = (a: typeof answer, immediate: boolean) => session.setAnswer(position, a, immediate)

  return (
    <Paper
      withBorder
      radius="md"
      p={{ base: 'md', sm: 'xl' }}
      component="section"
      aria-labelledby={`q-${position}`}
    >
      {timedSection && <SectionClock title={timedSection.title} seconds={sectionLeft} />}
      {sectionClosed && (
        <Alert color="blue" variant="light" mb="md" title="This section's time is up">
          Its answers can no longer change; everything saved before is kept. The other sections stay open
          until the end of the test.
        </Alert>
      )}
      <Text size="sm" c="dimmed" mb={4}>
        Question {number} of {total}
        {session.state.sections.length > 1 && section ? ` · ${section.title}` : ''} · {TYPES[q.question.type]}{' '}
        · {points(q.question.points)}
      </Text>
      {/* The heading comes first: focus lands on it, and Tab goes on to the flag, then the answer. */}
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm" mb="md">
        <Title
          order={2}
          id={`q-${position}`}
          ref={heading}
          tabIndex={-1}
          style={{ outline: 'none', flex: 1 }}
        >
          {q.question.title}
        </Title>
        {/* A toggle: its name stays the same and aria-pressed says whether it is on (as screen readers expect). */}
        <Button
          size="xs"
          variant="default"
          fw={flagged ? 700 : undefined}
          leftSection={
            flagged ? (
              <IconFlagFilled size={14} color="var(--mantine-color-orange-8)" aria-hidden />
            ) : (
              <IconFlag size={14} aria-hidden />
            )
          }
          aria-pressed={flagged}
          onClick={() => session.setFlag(position, !flagged)}
          disabled={disabled}
          data-testid="flag"
        >
          Flag for review
        </Button>
      </Group>
      <Box mb="lg">
        <RichText>{q.question.body}</RichText>
      </Box>
      {q.question.coding && q.question.coding.examples.length > 0 && (
        <Box mb="lg">
          <Title order={3} size="h5" mb="xs">
            Examples
          </Title>
          <Table withTableBorder verticalSpacing="xs" aria-label="Examples">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Input</Table.Th>
                <Table.Th>Expected output</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {q.question.coding.examples.map((e, i) => (
                <Table.Tr key={i}>
                  <Table.Td>
                    <pre className={classes.pre}>{e.stdin}</pre>
                  </Table.Td>
                  <Table.Td>
                    <pre className={classes.pre}>{e.expected_stdout}</pre>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Box>
      )}
      <Divider mb="lg" />
      <AnswerArea question={q} answer={answer} onChange={change} disabled={disabled} />
      <Group justify="space-between" mt="xl">
        <Button
          variant="default"
          leftSection={<IconArrowLeft size={16} aria-hidden />}
          onClick={onPrevious}
          disabled={!onPrevious}
        >
          Previous
        </Button>
        {onNext ? (
          <Button rightSection={<IconArrowRight size={16} aria-hidden />} onClick={onNext}>
            Next
          </Button>
        ) : (
          <Button rightSection={<IconSend size={16} aria-hidden />} onClick={onReview}>
            Review and submit
          </Button>
        )}
      </Group>
    </Paper>
  )
}

function AnswerArea({
  question,
  answer,
  onChange,
  disabled,
}: {
  question: PlayerQuestion
  answer: Parameters<typeof ChoiceAnswer>[0]['answer']
  onChange: Parameters<typeof ChoiceAnswer>[0]['onChange']
  disabled: boolean
}) {
  switch (question.question.type) {
    case 'mcq_single':
    case 'mcq_multi':
      return <ChoiceAnswer question={question} answer={answer} onChange={onChange} disabled={disabled} />
    case 'essay':
      return <EssayAnswer answer={answer} onChange={onChange} disabled={disabled} />
    case 'coding':
      return (
        <Suspense fallback={<Skeleton height={360} aria-label="Loading the code editor" />}>
          <CodingAnswer question={question} answer={answer} onChange={onChange} disabled={disabled} />
        </Suspense>
      )
    default:
      return null
  }
}

type Listed = { position: number; number: number; title: string }

/** Questions to go back to, each a button that goes there. */
function QuestionLinks({
  label,
  items,
  onGo,
}: {
  label: string
  items: Listed[]
  onGo: (p: number) => void
}) {
  return (
    <List spacing={4} size="sm" listStyleType="none" aria-label={label}>
      {items.map((u) => (
        <List.Item key={u.position}>
          <Button variant="subtle" size="compact-sm" onClick={() => onGo(u.position)}>
            Question {u.number}: {u.title}
          </Button>
        </List.Item>
      ))}
    </List>
  )
}

function SubmitDialog({
  opened,
  onClose,
  unanswered,
  flagged,
  remaining,
  onGo,
  onSubmitted,
}: {
  opened: boolean
  onClose: () => void
  unanswered: Listed[]
  flagged: Listed[]
  remaining: number
  onGo: (position: number) => void
  onSubmitted: (state: SessionState) => void
}) {
  const { queue } = usePlayerSession()
  const saves = useQueueState(queue)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const submit = async () => {
    setBusy(true)
    setError(null)
    try {
      // Every answer reaches the server before the test closes.
      if (!(await queue.flush())) {
        setError(
          'Some answers are not saved yet: you seem to be offline. Submit again once you are back online.',
        )
        return
      }
      onSubmitted(await api.submit())
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Modal opened={opened} onClose={onClose} title="Submit your test?" size="lg" centered>
      <Stack gap="md">
        {unanswered.length > 0 ? (
          <Alert
            color="yellow"
            variant="light"
            title={`${unanswered.length} question${unanswered.length === 1 ? ' has' : 's have'} no answer`}
          >
            <QuestionLinks label="Questions without an answer" items={unanswered} onGo={onGo} />
          </Alert>
        ) : (
          <Text>You have answered every question.</Text>
        )}
        {flagged.length > 0 && (
          <Alert
            color="orange"
            variant="light"
            icon={<IconFlagFilled aria-hidden />}
            title={`${flagged.length} question${flagged.length === 1 ? ' is' : 's are'} flagged for review`}
          >
            <QuestionLinks label="Questions flagged for review" items={flagged} onGo={onGo} />
          </Alert>
        )}
        <Text size="sm" c="dimmed">
          You still have {formatClock(remaining)} left. Once submitted, your answers can no longer change.
        </Text>
        {saves.status === 'offline' && (
          <Alert color="orange" variant="light" icon={<IconWifiOff />}>
            You are offline: {saves.pending.length} answer{saves.pending.length === 1 ? ' is' : 's are'}{' '}
            waiting on this device. Submit once the connection is back.
          </Alert>
        )}
        <DialogActions
          error={error}
          busy={busy}
          cancel="Keep working"
          onCancel={onClose}
          confirm="Submit test"
          icon={<IconSend size={16} aria-hidden />}
          onConfirm={() => void submit()}
        />
      </Stack>
    </Modal>
  )
}

/** A dialog's last lines: why the action failed, if it did; "not now" and the action. */
function DialogActions({
  error,
  busy,
  cancel,
  onCancel,
  confirm,
  icon,
  onConfirm,
}: {
  error: string | null
  busy: boolean
  cancel: string
  onCancel: () => void
  confirm: string
  icon: ReactNode
  onConfirm: () => void
}) {
  return (
    <>
      {error && (
        <Alert color="red" variant="light" role="alert">
          {error}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          {cancel}
        </Button>
        <Button onClick={onConfirm} loading={busy} leftSection={icon}>
          {confirm}
        </Button>
      </Group>
    </>
  )
}

/** Before a timed section opens: what its own timer means, as the server enforces it. */
function SectionGate({
  section,
  remaining,
  onOpen,
  onClose,
}: {
  section: SessionState['sections'][number] | undefined
  remaining: number
  onOpen: () => Promise<void>
  onClose: () => void
}) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const minutes = section?.time_limit_minutes ?? 0
  const open = async () => {
    setBusy(true)
    setError(null)
    try {
      await onOpen()
    } catch (e) {
      setError(
        isNetworkError(e)
          ? 'You seem to be offline. The section’s timer starts on our side, so it opens once you are back online.'
          : errorMessage(e),
      )
    } finally {
      setBusy(false)
    }
  }
  return (
    <Modal
      opened={!!section}
      onClose={onClose}
      title={section ? `Open the “${section.title}” section?` : ''}
      size="lg"
      centered
    >
      <Stack gap="md">
        <Text>
          This section has its own {minutes}-minute timer that starts when you open it. It keeps running if
          you go to other questions, and when it runs out this section’s answers can no longer change.
        </Text>
        <Text>
          You can still go back to the other sections while it runs: they stay open until the end of the test.
          {remaining < minutes * 60 &&
            ` The test itself ends sooner, in ${spokenTime(remaining).replace(' left', '')}: the section closes then.`}
        </Text>
        <DialogActions
          error={error}
          busy={busy}
          cancel="Not yet"
          onCancel={onClose}
          confirm="Open the section and start its timer"
          icon={<IconClock size={16} aria-hidden />}
          onConfirm={() => void open()}
        />
      </Stack>
    </Modal>
  )
}

/** A timed section's own clock, next to the question (the test's clock stays in the header). */
function SectionClock({ title, seconds }: { title: string; seconds: number }) {
  return (
    <Group
      gap={6}
      mb="sm"
      wrap="nowrap"
      className={classes.timer}
      data-urgency={urgency(seconds)}
      role="timer"
      aria-label={`Time left in the “${title}” section: ${spokenTime(seconds)}`}
      data-testid="section-timer"
      w="fit-content"
    >
      <IconHourglass size={18} aria-hidden />
      <Text size="sm" span aria-hidden>
        Section time left: {formatClock(seconds)}
      </Text>
    </Group>
  )
}
