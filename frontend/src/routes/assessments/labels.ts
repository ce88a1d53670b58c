import type { Invitation, LinkState, SessionSummary } from '../../queries/assessments'

export const LINK_STATES: { value: LinkState; label: string; color: string }[] = [
  { value: 'active', label: 'Active', color: 'green' },
  { value: 'expiring_soon', label: 'Expiring soon', color: 'orange' },
  { value: 'expired', label: 'Expired', color: 'gray' },
  { value: 'started', label: 'Started', color: 'blue' },
  { value: 'completed', label: 'Completed', color: 'indigo' },
  { value: 'revoked', label: 'Revoked', color: 'red' },
]
export const STATE_LABEL = Object.fromEntries(LINK_STATES.map((s) => [s.value, s])) as Record<
  LinkState,
  (typeof LINK_STATES)[number]
>

export const QUESTION_TYPE_LABELS: Record<string, string> = {
  mcq_single: 'Single choice',
  mcq_multi: 'Multiple choice',
  coding: 'Coding',
  essay: 'Essay',
}

export const DIFFICULTY_LABELS: Record<string, string> = { easy: 'Easy', medium: 'Medium', hard: 'Hard' }

export const DECISION_LABELS: Record<
  NonNullable<SessionSummary['decision']>,
  { label: string; color: string }
> = {
  advance: { label: 'Advanced', color: 'green' },
  manual_review: { label: 'Manual review', color: 'orange' },
  reject: { label: 'Rejected', color: 'red' },
  none: { label: 'No decision', color: 'gray' },
}

export const GRADING_LABELS: Record<SessionSummary['grading_status'], string> = {
  pending: 'Not graded yet',
  grading: 'Grading code…',
  awaiting_grader: 'Waiting for a grader',
  graded: 'Graded',
}

export const SESSION_STATUS_LABELS: Record<SessionSummary['status'], string> = {
  in_progress: 'In progress',
  submitted: 'Submitted',
  timed_out: 'Timed out',
}

/** An invitation's extra time, as a reader would say it ("+50 %", "+15 min", "+25 % and 10 min"). */
export function extraTime(inv: Pick<Invitation, 'extra_time_percent' | 'extra_time_minutes'>): string | null {
  const parts = [
    inv.extra_time_percent ? `+${inv.extra_time_percent} %` : null,
    inv.extra_time_minutes ? `+${inv.extra_time_minutes} min` : null,
  ].filter(Boolean)
  return parts.length ? parts.join(' and ') : null
}

export const percent = (value: string | number | null | undefined): string =>
  value == null ? '—' : `${Math.round(Number(value) * 10) / 10}%`

export function duration(seconds: number | null | undefined): string {
  if (seconds == null) return '—'
  const m = Math.floor(seconds / 60)
  const s = seconds % 60
  return m ? `${m} min ${s.toString().padStart(2, '0')} s` : `${s} s`
}
