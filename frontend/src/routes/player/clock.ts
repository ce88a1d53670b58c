/**
 * The test's clock. The server owns the deadline; the browser only displays the time left. A candidate's computer
 * clock can be minutes off, so every answer from the player API carries the server's time, and we estimate the
 * offset between the two clocks (the skew) from it: remaining = deadline − (local now + skew).
 *
 * Pure functions and a small class, so the arithmetic is unit-tested without a browser.
 */

export interface ClockSample {
  /** `server_time` from a response. */
  serverTime: string
  /** Local time (ms) when the request was sent. */
  sentAt: number
  /** Local time (ms) when the response arrived. */
  receivedAt: number
}

/** The offset (ms) to add to the local clock to read the server's: the server stamped its time somewhere between
 * sending and receiving, so we assume the middle of the round trip. */
export function skewOf(sample: ClockSample): number {
  const midpoint = (sample.sentAt + sample.receivedAt) / 2
  return Date.parse(sample.serverTime) - midpoint
}

/** Samples older than this are replaced even by a less precise one: computer clocks drift and get corrected
 * (NTP, sleep and wake), so an old offset may no longer hold. */
const SAMPLE_TTL_MS = 5 * 60_000

export class ServerClock {
  private skew = 0
  private rtt = Number.POSITIVE_INFINITY
  private takenAt = Number.NEGATIVE_INFINITY

  private readonly local: () => number

  constructor(local: () => number = Date.now) {
    this.local = local
  }

  /** Learn from a response. The quickest round trip gives the most precise offset, so it wins over slower ones
   * taken recently. */
  observe(sample: ClockSample): void {
    const rtt = Math.max(0, sample.receivedAt - sample.sentAt)
    if (Number.isNaN(Date.parse(sample.serverTime))) return
    const stale = sample.receivedAt - this.takenAt > SAMPLE_TTL_MS
    if (rtt <= this.rtt || stale) {
      this.skew = skewOf(sample)
      this.rtt = rtt
      this.takenAt = sample.receivedAt
    }
  }

  /** The server's time now (ms since the epoch), as well as we can tell. */
  now(): number {
    return this.local() + this.skew
  }

  /** The estimated offset in ms (server − local). */
  offset(): number {
    return this.skew
  }

  /** Whole seconds left until `deadline` (ISO), never negative. */
  remaining(deadline: string): number {
    return secondsLeft(Date.parse(deadline), this.now())
  }
}

export function secondsLeft(deadlineMs: number, serverNowMs: number): number {
  return Math.max(0, Math.ceil((deadlineMs - serverNowMs) / 1000))
}

/** 1:02:03 above an hour, 12:05 below. */
export function formatClock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds))
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const sec = String(s % 60).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`
}

/** The time left in words, for screen readers ("1 hour 5 minutes left"): a timer read digit by digit is noise. */
export function spokenTime(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds))
  if (s < 60) return `${s} second${s === 1 ? '' : 's'} left`
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const parts = []
  if (h) parts.push(`${h} hour${h === 1 ? '' : 's'}`)
  if (m) parts.push(`${m} minute${m === 1 ? '' : 's'}`)
  return `${parts.join(' ')} left`
}

/** The moments we announce aloud (seconds left): often enough to plan, rarely enough not to distract. */
export const MILESTONES = [30 * 60, 15 * 60, 10 * 60, 5 * 60, 60]

/** The milestone crossed between two readings of the time left, if any (the smallest one crossed). */
export function crossedMilestone(before: number, after: number): number | null {
  const crossed = MILESTONES.filter((m) => before > m && after <= m)
  return crossed.length ? Math.min(...crossed) : null
}

/** How the timer looks: calm until the last ten minutes, then a warning, then urgent in the last minute. */
export function urgency(seconds: number): 'calm' | 'warning' | 'urgent' {
  if (seconds <= 60) return 'urgent'
  if (seconds <= 10 * 60) return 'warning'
  return 'calm'
}

/** Which visible warning the player shows: from 5 minutes left, then a stronger one in the last minute. */
export function warningLevel(seconds: number): 'five-minutes' | 'last-minute' | null {
  if (seconds <= 60) return 'last-minute'
  if (seconds <= 5 * 60) return 'five-minutes'
  return null
}
