/**
 * The proctoring outbox: events are numbered (`seq`, from 1 per session) and given a client id when they happen,
 * kept in localStorage until the server has them (a reload, a crash or a network drop loses nothing), and sent
 * in batches every few seconds. A resent batch is harmless: the server stores each client id once.
 */
import type { components } from '../../../api/schema'

export type ClientEvent = components['schemas']['ClientEvent']
export type EventType = ClientEvent['type']
export type NewEvent = Omit<ClientEvent, 'client_id' | 'seq' | 'occurred_at'> & { occurred_at?: string }

const PREFIX = 'interviewflow.proctoring.'
const BATCH = 50

function newId(): string {
  const c = globalThis.crypto
  if (c?.randomUUID) return c.randomUUID().replace(/-/g, '')
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 14)}`
}

interface Stored {
  seq: number
  pending: ClientEvent[]
}

export class EventSender {
  private state: Stored
  private timer: ReturnType<typeof setInterval> | null = null
  private sending = false
  private pausedUntil = 0
  private closed = false

  private sessionId: string
  private token: () => string | null
  private intervalMs: number
  private storage: Storage | null

  constructor(
    sessionId: string,
    token: () => string | null,
    intervalMs = 5000,
    storage: Storage | null = typeof localStorage === 'undefined' ? null : localStorage,
  ) {
    this.sessionId = sessionId
    this.token = token
    this.intervalMs = intervalMs
    this.storage = storage
    this.state = this.load()
  }

  /** Events numbered before this page load: > 0 means the test is being resumed. */
  get previousSeq(): number {
    return this.state.seq
  }

  get pendingCount(): number {
    return this.state.pending.length
  }

  private key() {
    return PREFIX + this.sessionId
  }

  private load(): Stored {
    try {
      const raw = this.storage?.getItem(this.key())
      if (raw) return JSON.parse(raw) as Stored
    } catch {
      // unreadable: start afresh
    }
    return { seq: 0, pending: [] }
  }

  private save() {
    try {
      this.storage?.setItem(this.key(), JSON.stringify(this.state))
    } catch {
      // storage full or forbidden: the events live in memory for this page
    }
  }

  /** Numbers the event now; also used for snapshots (which are uploaded on their own). */
  nextSeq(): number {
    this.state.seq += 1
    this.save()
    return this.state.seq
  }

  record(event: NewEvent) {
    if (this.closed) return
    const e: ClientEvent = {
      ...event,
      client_id: newId(),
      seq: this.nextSeq(),
      occurred_at: event.occurred_at ?? new Date().toISOString(),
    }
    this.state.pending.push(e)
    this.save()
    if (this.state.pending.length >= BATCH) void this.flush()
  }

  start() {
    if (this.timer) return
    this.timer = setInterval(() => void this.flush(), this.intervalMs)
  }

  stop() {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }

  /** Sends what is pending, oldest first. Network errors keep the events for the next try. */
  async flush(): Promise<void> {
    if (this.sending || this.closed || Date.now() < this.pausedUntil || this.state.pending.length === 0)
      return
    const token = this.token()
    if (!token) return
    this.sending = true
    try {
      const batch = this.state.pending.slice(0, BATCH)
      const response = await fetch('/api/v1/player/session/proctoring/events', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ events: batch }),
        keepalive: true,
      })
      if (response.ok || response.status === 422) {
        // 422: a malformed event would block the queue forever; it is dropped (the server counts the gap).
        const sent = new Set(batch.map((e) => e.client_id))
        this.state.pending = this.state.pending.filter((e) => !sent.has(e.client_id))
        this.save()
      } else if (response.status === 429 || response.status === 503) {
        // Too many batches, or the server too busy: the events wait (kept) until it says to come back.
        this.pausedUntil = Date.now() + 1000 * Number(response.headers.get('Retry-After') ?? 30)
      } else if (response.status === 409 || response.status === 404) {
        this.closed = true // the test is closed: nothing more is accepted
        this.stop()
      }
    } catch {
      // offline: kept for the next try
    } finally {
      this.sending = false
    }
  }

  async snapshot(image: Blob): Promise<boolean> {
    const token = this.token()
    if (!token || this.closed) return false
    const form = new FormData()
    form.append('file', image, 'snapshot.jpg')
    form.append('client_id', newId())
    form.append('seq', String(this.nextSeq()))
    form.append('taken_at', new Date().toISOString())
    try {
      const response = await fetch('/api/v1/player/session/proctoring/snapshots', {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}` },
        body: form,
      })
      return response.ok
    } catch {
      return false
    }
  }
}
