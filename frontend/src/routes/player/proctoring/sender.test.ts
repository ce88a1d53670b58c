import { afterEach, describe, expect, it, vi } from 'vitest'
import { EventSender } from './sender'

function memoryStorage(): Storage {
  const m = new Map<string, string>()
  return {
    getItem: (k) => m.get(k) ?? null,
    setItem: (k, v) => void m.set(k, v),
    removeItem: (k) => void m.delete(k),
    clear: () => m.clear(),
    key: () => null,
    get length() {
      return m.size
    },
  }
}

afterEach(() => vi.unstubAllGlobals())

describe('EventSender', () => {
  it('numbers events, keeps them across a reload, and sends each batch until it is accepted', async () => {
    const storage = memoryStorage()
    const first = new EventSender('s1', () => 'tok', 5000, storage)
    first.record({ type: 'copy', length: 3 })
    first.record({ type: 'right_click' })
    const fetch = vi.fn().mockRejectedValueOnce(new TypeError('offline'))
    vi.stubGlobal('fetch', fetch)
    await first.flush()
    expect(first.pendingCount).toBe(2) // kept for the next try

    const reloaded = new EventSender('s1', () => 'tok', 5000, storage)
    expect(reloaded.previousSeq).toBe(2)
    fetch.mockResolvedValueOnce(new Response('{}', { status: 200 }))
    await reloaded.flush()
    expect(reloaded.pendingCount).toBe(0)
    const body = JSON.parse(fetch.mock.calls[1][1].body as string)
    expect(body.events.map((e: { seq: number }) => e.seq)).toEqual([1, 2])
    expect(body.events[0].client_id).not.toEqual(body.events[1].client_id)
  })

  it('waits as long as the server asks after a 429', async () => {
    const sender = new EventSender('s2', () => 'tok', 5000, memoryStorage())
    sender.record({ type: 'paste', length: 10 })
    const fetch = vi
      .fn()
      .mockResolvedValue(new Response('', { status: 429, headers: { 'Retry-After': '30' } }))
    vi.stubGlobal('fetch', fetch)
    await sender.flush()
    await sender.flush()
    expect(fetch).toHaveBeenCalledTimes(1)
    expect(sender.pendingCount).toBe(1)
  })
})
