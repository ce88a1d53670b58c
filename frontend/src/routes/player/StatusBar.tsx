import { Alert, Group, Loader, Text, VisuallyHidden } from '@mantine/core'
import { IconAlertTriangle, IconCircleCheck, IconClock, IconWifiOff } from '@tabler/icons-react'
import { useState } from 'react'
import { crossedMilestone, formatClock, spokenTime, urgency, warningLevel } from './clock'
import type { QueueState } from './saveQueue'
import classes from './player.module.css'

/** The time left, by the server's deadline. Screen readers hear it when they ask (role timer) and at a few
 * milestones (a polite live region), never every second. */
export function Timer({ seconds }: { seconds: number }) {
  // Derived while rendering from the previous reading (no effect): a milestone crossed since then is spoken. The
  // first reading counts as crossing from "plenty of time", so a test resumed (or started) with 4 minutes left
  // says so at once.
  const [previous, setPrevious] = useState(Number.POSITIVE_INFINITY)
  const [announcement, setAnnouncement] = useState('')
  if (previous !== seconds) {
    setPrevious(seconds)
    if (crossedMilestone(previous, seconds) !== null) setAnnouncement(spokenTime(seconds))
    else if (seconds === 0) setAnnouncement('Time is up.')
  }
  const level = urgency(seconds)
  return (
    <>
      <Group
        gap={6}
        wrap="nowrap"
        className={classes.timer}
        data-urgency={level}
        role="timer"
        aria-label={`Time left: ${spokenTime(seconds)}`}
        data-testid="timer"
      >
        <IconClock size={18} aria-hidden />
        <span aria-hidden>{formatClock(seconds)}</span>
      </Group>
      <VisuallyHidden role="status" aria-live="polite" data-testid="timer-announcement">
        {announcement}
      </VisuallyHidden>
    </>
  )
}

/** The end is near, in view: from 5 minutes left, and again in the last minute (the timer's live region says
 * it aloud). The candidate may close it; the next level shows again. */
export function TimeWarning({ seconds }: { seconds: number }) {
  const level = warningLevel(seconds)
  const [closed, setClosed] = useState<string | null>(null)
  if (!level || closed === level || seconds <= 0) return null
  return (
    <Alert
      color={level === 'last-minute' ? 'red' : 'yellow'}
      variant="light"
      icon={<IconClock aria-hidden />}
      title={level === 'last-minute' ? 'Less than a minute left' : `${spokenTime(seconds)}`}
      withCloseButton
      closeButtonLabel="Hide this warning"
      onClose={() => setClosed(level)}
      mb="md"
      // Not an alert: the timer's live region already says it aloud, once.
      role="note"
      data-testid="time-warning"
    >
      Your answers save as you type. When the time is up the test closes by itself and everything saved is
      submitted: there is nothing else to do.
    </Alert>
  )
}

/** Saved / saving / offline, always in view. The visible line changes with every keystroke; screen readers
 * hear only what matters (going offline, coming back, a failure), from a separate live region. */
export function SaveIndicator({ state }: { state: QueueState }) {
  const [announcement, setAnnouncement] = useState('')
  const [before, setBefore] = useState(state.status)
  if (before !== state.status) {
    setBefore(state.status)
    if (state.status === 'offline')
      setAnnouncement(
        'You are offline. Your answers are kept on this device and will be sent when you reconnect.',
      )
    else if (before === 'offline' && state.status === 'saving')
      setAnnouncement('Back online. Saving your answers.')
    else if (before === 'offline' && state.status === 'saved')
      setAnnouncement('Back online. All answers saved.')
    else if (state.status === 'error') setAnnouncement(`An answer could not be saved: ${state.message}`)
  }

  let content
  if (state.status === 'offline')
    content = (
      <Text size="sm" fw={600} span>
        <Group gap={6} wrap="nowrap" component="span">
          <IconWifiOff size={18} color="var(--mantine-color-orange-8)" aria-hidden />
          Offline ·{' '}
          {state.pending.length ? `${state.pending.length} kept on this device` : 'answers kept here'}
        </Group>
      </Text>
    )
  else if (state.status === 'saving')
    content = (
      <Group gap={6} wrap="nowrap">
        <Loader size={14} aria-hidden />
        <Text size="sm" span>
          Saving…
        </Text>
      </Group>
    )
  else if (state.status === 'error')
    content = (
      <Group gap={6} wrap="nowrap">
        <IconAlertTriangle size={18} color="var(--mantine-color-red-8)" aria-hidden />
        <Text size="sm" fw={600} span>
          Not saved
        </Text>
      </Group>
    )
  else if (state.status === 'closed')
    content = (
      <Text size="sm" span>
        Test closed
      </Text>
    )
  else
    content = (
      <Group gap={6} wrap="nowrap">
        <IconCircleCheck size={18} color="var(--mantine-color-green-8)" aria-hidden />
        <Text size="sm" span>
          All changes saved
        </Text>
      </Group>
    )
  return (
    <>
      <div data-testid="save-status" data-status={state.status}>
        {content}
      </div>
      <VisuallyHidden role="status" aria-live="polite">
        {announcement}
      </VisuallyHidden>
    </>
  )
}
