import type { IntegrityBrief } from '../../queries/proctoring'

/** Shared by the integrity area and the screens that show a test's integrity summary (results, Step-1 reviews). */
export const TIER_COLORS: Record<string, string> = {
  none: 'gray',
  low: 'blue',
  medium: 'orange',
  high: 'red',
}
export const VERDICT_LABELS: Record<string, string> = {
  clear: 'Clear',
  concern: 'Concern',
  violation: 'Violation',
}
export const VERDICT_COLORS: Record<string, string> = {
  clear: 'green',
  concern: 'orange',
  violation: 'red',
}

/** Signals only inform: every screen showing a tier says so in the same words. */
export const SIGNALS_INFORM = 'Integrity signals are for a person to review; they never reject on their own.'

/** Where the review stands, in one sentence: the verdict a person recorded, or what is still open. */
export function reviewStatus(
  s: Pick<IntegrityBrief, 'tier' | 'reasons' | 'verdict' | 'pending_reviews'>,
): string {
  if (s.verdict) return `A reviewer recorded the verdict “${VERDICT_LABELS[s.verdict] ?? s.verdict}”.`
  const pending =
    s.pending_reviews > 0
      ? `${s.pending_reviews} flag${s.pending_reviews === 1 ? '' : 's'} waiting for a reviewer`
      : null
  if (s.tier === 'none' && s.reasons.length === 0)
    return pending ? `No risk signals; ${pending}.` : 'No integrity signals were recorded.'
  return pending ? `No verdict yet: ${pending}.` : 'No verdict yet.'
}
