/**
 * Nothing a candidate types is lost. Every change to a question (its answer, or its "flag for review") becomes a
 * new **revision** of that question's complete state, written to the browser's storage at once and sent to the
 * server after a short pause (debounced). The server keeps the highest revision it has seen, so sending the same
 * revision twice, or an old one late, never undoes a newer write: the queue can retry freely.
 *
 * While offline the revisions wait in storage (localStorage: it survives a reload, a crash or a closed tab) and
 * go out when the connection returns. Only the newest revision per question is kept: it holds the whole state.
 *
 * No React and no fetch here: the transport and the storage are passed in, so the rules are unit-tested.
 */

export type Answer =
  | { type: 'choice'; choice_ids: string[] }
  | { type: 'text'; text: string }
  | { type: 'code'; language: string; sources: Record<string, string> }

export interface Revision {
  position: number
  revision: number
  answer: Answer | null
  flagged: boolean
}

/** What sending one revision came to (the transport maps HTTP answers and network failures onto these). */
export type SendOutcome =
  | { kind: 'saved'; revision: number; applied: boolean }
  /** The request never reached the server (no network, DNS, the server down). */
  | { kind: 'offline' }
  /** Try again later: rate limited, a server error, a token being renewed. */
  | { kind: 'retry'; afterMs?: number }
  /** The test is over (submitted, or the deadline passed): nothing can be saved any more. */
  | { kind: 'closed'; detail: string }
  /** The server refuses this content for good (it would never be accepted). */
  | { kind: 'rejected'; detail: string }

export type Transport = (r: Revision) => Promise<SendOutcome>

/** Where waiting revisions live between page loads. */
export interface RevisionStore {
  all(): Revision[]
  /** Keep `r` unless a newer revision of that question is already stored. */
  put(r: Revision): void
  /** Forget the question's stored revision if it is `revision` or older (a newer one still has to go). */
  drop(position: number, revision: number): void
}

export type SaveStatus = 'saved' | 'saving' | 'offline' | 'closed' | 'error'

export interface QueueState {
  status: SaveStatus
  /** Questions with changes the server has not confirmed yet. */
  pending: number[]
  /** Local time (ms) of the last confirmed save. */
  lastSavedAt: number | null
  /** Why the last save failed for good (rejected), or why the test is closed. */
  message: string | null
  /** Revisions that could not be saved because the test had closed: the player tells the candidate. */
  lost: number[]
}

export interface QueueOptions {
  /** Pause after the last keystroke before sending (ms). */
  debounceMs?: number
  /** First retry delay after a failure; it doubles up to maxBackoffMs. */
  backoffMs?: number
  maxBackoffMs?: number
  /** Told when the server holds a newer revision than ours (another tab or device wrote it). */
  onSuperseded?: (position: number, serverRevision: number) => void
  /** Told once when a save learns that the test is closed. */
  onClosed?: (detail: string) => void
  setTimer?: (fn: () => void, ms: number) => unknown
  clearTimer?: (handle: unknown) => void
  now?: () => number
}

export class SaveQueue {
  private readonly waiting = new Map<number, Revision>()
  /** The request under way per question: a flush waits for it too (its answer may be the 409 of a closed test). */
  private readonly inFlight = new Map<number, Promise<void>>()
  /** Questions whose last change the server refused: the error stays on screen until they save. */
  private readonly refused = new Set<number>()
  private readonly timers = new Map<number, unknown>()
  private readonly listeners = new Set<() => void>()
  private retryTimer: unknown = null
  private backoff: number
  private state: QueueState
  private readonly opts: Required<Omit<QueueOptions, 'onSuperseded' | 'onClosed'>> &
    Pick<QueueOptions, 'onSuperseded' | 'onClosed'>

  private readonly send: Transport
  private readonly store: RevisionStore

  constructor(send: Transport, store: RevisionStore, options: QueueOptions = {}) {
    this.send = send
    this.store = store
    this.opts = {
      debounceMs: 700,
      backoffMs: 1000,
      maxBackoffMs: 30_000,
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
      now: () => Date.now(),
      ...options,
    }
    this.backoff = this.opts.backoffMs
    // Revisions left by an earlier page load (a reload, a crash, offline when the tab closed) go first.
    for (const r of store.all()) this.waiting.set(r.position, r)
    this.state = {
      status: this.waiting.size ? 'saving' : 'saved',
      pending: this.pendingPositions(),
      lastSavedAt: null,
      message: null,
      lost: [],
    }
  }

  /** Revisions waiting from an earlier page load: newer than what the server has, so the screen shows them. */
  stored(position: number): Revision | undefined {
    return this.waiting.get(position)
  }

  /** Record a change (stored at once) and send it after the debounce pause; `immediate` skips the pause (a
   * click on an option, a flag, leaving the question). */
  change(r: Revision, immediate = false): void {
    if (this.state.status === 'closed') {
      this.markLost(r.position)
      return
    }
    this.store.put(r)
    this.waiting.set(r.position, r)
    this.update({ status: this.state.status === 'offline' ? 'offline' : 'saving' })
    this.schedule(r.position, immediate ? 0 : this.opts.debounceMs)
  }

  /** Send everything now (before navigating away, submitting, or when the connection returns). Resolves when
   * nothing is waiting and no request is under way, or when sending stopped (offline, closed). */
  async flush(): Promise<boolean> {
    for (const [position, timer] of this.timers) {
      this.opts.clearTimer(timer)
      this.timers.delete(position)
    }
    await Promise.all(
      [...new Set([...this.waiting.keys(), ...this.inFlight.keys()])].map((p) => this.sendOne(p)),
    )
    // A change typed while those were in flight: one more round.
    if (this.waiting.size && this.state.status === 'saving') {
      await Promise.all([...this.waiting.keys()].map((p) => this.sendOne(p)))
    }
    return this.waiting.size === 0
  }

  /** The connection is back (the browser's `online` event, or a request that worked): send what waits. */
  online(): void {
    if (this.state.status === 'closed') return
    this.backoff = this.opts.backoffMs
    if (this.retryTimer !== null) {
      this.opts.clearTimer(this.retryTimer)
      this.retryTimer = null
    }
    if (this.waiting.size) {
      this.update({ status: 'saving' })
      void this.flush()
    }
  }

  /** The browser says it is offline: show it now rather than after a failed request. */
  offline(): void {
    if (this.state.status !== 'closed') this.update({ status: 'offline' })
  }

  getState(): QueueState {
    return this.state
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  dispose(): void {
    for (const t of this.timers.values()) this.opts.clearTimer(t)
    this.timers.clear()
    if (this.retryTimer !== null) this.opts.clearTimer(this.retryTimer)
    this.listeners.clear()
  }

  private schedule(position: number, ms: number): void {
    const existing = this.timers.get(position)
    if (existing !== undefined) this.opts.clearTimer(existing)
    this.timers.set(
      position,
      this.opts.setTimer(() => {
        this.timers.delete(position)
        void this.sendOne(position)
      }, ms),
    )
  }

  private sendOne(position: number): Promise<void> {
    // One request per question at a time: the next revision goes when this one is answered, so the server sees
    // them in order (it would cope with any order, but fewer requests are wasted).
    const running = this.inFlight.get(position)
    if (running) return running
    const r = this.waiting.get(position)
    if (!r || this.state.status === 'closed') return Promise.resolve()
    const request = (async () => {
      let outcome: SendOutcome
      try {
        outcome = await this.send(r)
      } catch {
        outcome = { kind: 'offline' }
      }
      this.inFlight.delete(position)
      this.settle(r, outcome)
    })()
    this.inFlight.set(position, request)
    return request
  }

  private settle(r: Revision, outcome: SendOutcome): void {
    switch (outcome.kind) {
      case 'saved': {
        this.store.drop(r.position, r.revision)
        if (this.waiting.get(r.position)?.revision === r.revision) this.waiting.delete(r.position)
        if (!outcome.applied && outcome.revision > r.revision) {
          // Another tab or device wrote a newer revision: ours is obsolete, the screen reloads the question.
          this.opts.onSuperseded?.(r.position, outcome.revision)
        }
        this.backoff = this.opts.backoffMs
        this.refused.delete(r.position)
        this.update({
          status: this.refused.size ? 'error' : this.waiting.size ? 'saving' : 'saved',
          lastSavedAt: this.opts.now(),
          message: this.refused.size ? this.state.message : null,
        })
        // A newer revision typed while this one travelled goes now.
        if (this.waiting.has(r.position) && !this.timers.has(r.position)) void this.sendOne(r.position)
        return
      }
      case 'closed': {
        this.markLost(...this.waiting.keys())
        this.update({ status: 'closed', message: outcome.detail })
        this.opts.onClosed?.(outcome.detail)
        return
      }
      case 'rejected': {
        // The server will never take this content: keep it out of the queue so the rest still saves, and say so.
        this.store.drop(r.position, r.revision)
        if (this.waiting.get(r.position)?.revision === r.revision) this.waiting.delete(r.position)
        this.refused.add(r.position)
        this.update({ status: 'error', message: outcome.detail })
        return
      }
      case 'offline':
      case 'retry': {
        this.update({ status: outcome.kind === 'offline' ? 'offline' : 'saving' })
        this.retryLater(outcome.kind === 'retry' ? outcome.afterMs : undefined)
        return
      }
    }
  }

  private retryLater(afterMs?: number): void {
    if (this.retryTimer !== null) return
    const delay = afterMs ?? this.backoff
    this.backoff = Math.min(this.backoff * 2, this.opts.maxBackoffMs)
    this.retryTimer = this.opts.setTimer(() => {
      this.retryTimer = null
      void this.flush()
    }, delay)
  }

  private markLost(...positions: number[]): void {
    const lost = [...new Set([...this.state.lost, ...positions])].sort((a, b) => a - b)
    this.update({ lost })
  }

  private pendingPositions(): number[] {
    return [...this.waiting.keys()].sort((a, b) => a - b)
  }

  private update(patch: Partial<QueueState>): void {
    this.state = { ...this.state, ...patch, pending: this.pendingPositions() }
    for (const l of this.listeners) l()
  }
}

/** Browser storage for one test session's waiting revisions: one localStorage entry per question, so two tabs
 * writing different questions never overwrite each other. Storage can be full or forbidden (private modes):
 * then the queue still works from memory. */
export function localRevisionStore(
  sessionId: string,
  storage: Storage | undefined = globalThis.localStorage,
) {
  const prefix = `interviewflow.answer.${sessionId}.`
  const read = (key: string): Revision | null => {
    try {
      const raw = storage?.getItem(key)
      return raw ? (JSON.parse(raw) as Revision) : null
    } catch {
      return null
    }
  }
  const store: RevisionStore = {
    all() {
      const out: Revision[] = []
      if (!storage) return out
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i)
        if (key?.startsWith(prefix)) {
          const r = read(key)
          if (r) out.push(r)
        }
      }
      return out.sort((a, b) => a.position - b.position)
    },
    put(r) {
      const key = prefix + r.position
      const current = read(key)
      if (current && current.revision > r.revision) return
      try {
        storage?.setItem(key, JSON.stringify(r))
      } catch {
        // Full or forbidden: the revision is still in memory and goes out with the next request.
      }
    },
    drop(position, revision) {
      const key = prefix + position
      const current = read(key)
      if (current && current.revision <= revision) {
        try {
          storage?.removeItem(key)
        } catch {
          // nothing to do
        }
      }
    },
  }
  return store
}

/** The revision to use for the next change of a question: above everything seen for it (the server's, ours,
 * a stored one from before a reload). */
export function nextRevision(...seen: (number | undefined)[]): number {
  return Math.max(0, ...seen.filter((n): n is number => typeof n === 'number')) + 1
}
