import { beforeEach, describe, expect, it } from 'vitest'
import {
  localRevisionStore,
  nextRevision,
  SaveQueue,
  type Revision,
  type RevisionStore,
  type SendOutcome,
} from './saveQueue'

/** A hand-driven clock: timers fire when the test says so. */
class Timers {
  now = 0
  private next = 1
  private readonly pending = new Map<number, { at: number; fn: () => void }>()
  set = (fn: () => void, ms: number) => {
    const id = this.next++
    this.pending.set(id, { at: this.now + ms, fn })
    return id
  }
  clear = (id: unknown) => void this.pending.delete(id as number)
  async advance(ms: number) {
    this.now += ms
    for (;;) {
      const due = [...this.pending.entries()]
        .filter(([, t]) => t.at <= this.now)
        .sort((a, b) => a[1].at - b[1].at)
      if (!due.length) break
      for (const [id, t] of due) {
        this.pending.delete(id)
        t.fn()
      }
      await settle()
    }
    await settle()
  }
}

const settle = () => new Promise((r) => setTimeout(r, 0))

/** A server that keeps the highest revision per question, reachable or not. */
class FakeServer {
  held = new Map<number, Revision>()
  reachable = true
  closed = false
  requests: Revision[] = []
  send = async (r: Revision): Promise<SendOutcome> => {
    if (!this.reachable) return { kind: 'offline' }
    this.requests.push(r)
    if (this.closed) return { kind: 'closed', detail: 'The time is up: answers can no longer change.' }
    const current = this.held.get(r.position)
    if (current && current.revision >= r.revision)
      return { kind: 'saved', revision: current.revision, applied: false }
    this.held.set(r.position, r)
    return { kind: 'saved', revision: r.revision, applied: true }
  }
}

class MemoryStorage implements Storage {
  private data = new Map<string, string>()
  get length() {
    return this.data.size
  }
  clear() {
    this.data.clear()
  }
  getItem(k: string) {
    return this.data.get(k) ?? null
  }
  key(i: number) {
    return [...this.data.keys()][i] ?? null
  }
  removeItem(k: string) {
    this.data.delete(k)
  }
  setItem(k: string, v: string) {
    this.data.set(k, v)
  }
}

const text = (position: number, revision: number, t: string, flagged = false): Revision => ({
  position,
  revision,
  answer: { type: 'text', text: t },
  flagged,
})

let timers: Timers
let server: FakeServer
let storage: MemoryStorage
let store: RevisionStore
const queue = (extra = {}) =>
  new SaveQueue(server.send, store, {
    debounceMs: 500,
    backoffMs: 1000,
    setTimer: timers.set,
    clearTimer: timers.clear,
    now: () => timers.now,
    ...extra,
  })

beforeEach(() => {
  timers = new Timers()
  server = new FakeServer()
  storage = new MemoryStorage()
  store = localRevisionStore('s1', storage)
})

describe('autosave', () => {
  it('waits for a pause in typing, then sends only the newest revision', async () => {
    const q = queue()
    q.change(text(0, 1, 'H'))
    await timers.advance(200)
    q.change(text(0, 2, 'He'))
    await timers.advance(200)
    q.change(text(0, 3, 'Hello'))
    expect(q.getState().status).toBe('saving')
    expect(server.requests).toHaveLength(0)
    await timers.advance(500)
    expect(server.requests.map((r) => r.revision)).toEqual([3])
    expect(q.getState()).toMatchObject({ status: 'saved', pending: [], lastSavedAt: 900 })
    expect(store.all()).toEqual([])
  })

  it('sends a click at once', async () => {
    const q = queue()
    q.change(
      { position: 1, revision: 1, answer: { type: 'choice', choice_ids: ['b'] }, flagged: false },
      true,
    )
    await timers.advance(0)
    expect(server.held.get(1)?.answer).toEqual({ type: 'choice', choice_ids: ['b'] })
  })

  it('keeps typing offline in storage, and sends it when the connection returns', async () => {
    const q = queue()
    server.reachable = false
    q.change(text(2, 1, 'draft'))
    await timers.advance(500)
    expect(q.getState().status).toBe('offline')
    q.change(text(2, 2, 'draft, longer'))
    await timers.advance(500)
    expect(store.all()).toEqual([text(2, 2, 'draft, longer')])
    server.reachable = true
    q.online()
    await timers.advance(0)
    expect(server.held.get(2)).toEqual(text(2, 2, 'draft, longer'))
    expect(q.getState()).toMatchObject({ status: 'saved', pending: [] })
    expect(store.all()).toEqual([])
  })

  it('retries by itself with a growing pause when the browser does not say it is back', async () => {
    const q = queue()
    server.reachable = false
    q.change(text(0, 1, 'a'), true)
    await timers.advance(0)
    await timers.advance(1000) // first retry, still offline
    expect(q.getState().status).toBe('offline')
    server.reachable = true
    await timers.advance(1999)
    expect(server.held.size).toBe(0)
    await timers.advance(1) // second retry after 2 s
    expect(server.held.get(0)?.revision).toBe(1)
  })

  it('survives a reload: what was waiting in storage goes first, and the next revision is above it', async () => {
    server.reachable = false
    const before = queue()
    before.change(text(3, 7, 'written before the reload'))
    await timers.advance(500)
    before.dispose()

    server.reachable = true
    const after = queue()
    expect(after.stored(3)?.revision).toBe(7)
    expect(after.getState()).toMatchObject({ status: 'saving', pending: [3] })
    expect(nextRevision(2, after.stored(3)?.revision)).toBe(8)
    await after.flush()
    expect(server.held.get(3)?.answer).toEqual({ type: 'text', text: 'written before the reload' })
  })

  it('never lets an old revision replace a newer one, in storage or on the server', async () => {
    store.put(text(0, 5, 'new'))
    store.put(text(0, 4, 'old'))
    expect(store.all()).toEqual([text(0, 5, 'new')])
    store.drop(0, 4)
    expect(store.all()).toHaveLength(1)

    const q = queue()
    server.held.set(1, text(1, 9, 'from the other tab'))
    let superseded: [number, number] | null = null
    const q2 = queue({ onSuperseded: (p: number, r: number) => (superseded = [p, r]) })
    q2.change(text(1, 3, 'from this tab'), true)
    await timers.advance(0)
    expect(server.held.get(1)?.answer).toEqual({ type: 'text', text: 'from the other tab' })
    expect(superseded).toEqual([1, 9])
    q.dispose()
  })

  it('sends a revision typed while the previous one travelled, right after it', async () => {
    let release: () => void = () => undefined
    const slow = async (r: Revision): Promise<SendOutcome> => {
      await new Promise<void>((resolve) => (release = resolve))
      return server.send(r)
    }
    const q = new SaveQueue(slow, store, { debounceMs: 0, setTimer: timers.set, clearTimer: timers.clear })
    q.change(text(0, 1, 'a'), true)
    await timers.advance(0)
    q.change(text(0, 2, 'ab'), true)
    await timers.advance(0)
    release()
    await timers.advance(0)
    release()
    await timers.advance(0)
    expect(server.requests.map((r) => r.revision)).toEqual([1, 2])
    expect(q.getState().status).toBe('saved')
  })

  it('after the deadline says what could not be saved, and stops', async () => {
    let closedWith = ''
    const q = queue({ onClosed: (d: string) => (closedWith = d) })
    server.reachable = false
    q.change(text(4, 1, 'typed offline as time ran out'))
    await timers.advance(500)
    server.reachable = true
    server.closed = true
    q.online()
    await timers.advance(0)
    expect(q.getState()).toMatchObject({ status: 'closed', lost: [4] })
    expect(closedWith).toMatch(/time is up/)
    q.change(text(5, 1, 'more'))
    expect(q.getState().lost).toEqual([4, 5])
  })

  it('drops content the server refuses for good, and keeps saving the rest', async () => {
    const refusing = async (r: Revision): Promise<SendOutcome> =>
      r.position === 0 ? { kind: 'rejected', detail: 'Too long.' } : server.send(r)
    const q = new SaveQueue(refusing, store, { setTimer: timers.set, clearTimer: timers.clear })
    q.change(text(0, 1, 'x'.repeat(10)), true)
    q.change(text(1, 1, 'fine'), true)
    await timers.advance(0)
    expect(q.getState().message).toBe('Too long.')
    expect(server.held.get(1)?.revision).toBe(1)
    expect(store.all()).toEqual([])
  })

  it('flush sends everything at once (before submitting)', async () => {
    const q = queue()
    q.change(text(0, 1, 'a'))
    q.change(text(1, 1, 'b'))
    expect(await q.flush()).toBe(true)
    expect(server.held.size).toBe(2)
    server.reachable = false
    q.change(text(2, 1, 'c'))
    expect(await q.flush()).toBe(false)
  })

  it('flush waits for a request already under way: the deadline learns whether it was saved or came too late', async () => {
    let answer: (o: SendOutcome) => void = () => undefined
    const slow = (): Promise<SendOutcome> => new Promise((r) => (answer = r))
    const q = new SaveQueue(slow, store, { setTimer: timers.set, clearTimer: timers.clear })
    q.change(text(2, 1, 'typed just before the deadline'), true)
    await timers.advance(0)
    let flushed = false
    const flushing = q.flush().then(() => (flushed = true))
    await settle()
    expect(flushed).toBe(false)
    answer({ kind: 'closed', detail: 'The time is up' })
    await flushing
    expect(q.getState()).toMatchObject({ status: 'closed', lost: [2] })
  })
})
