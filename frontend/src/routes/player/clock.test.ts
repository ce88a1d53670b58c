import { describe, expect, it } from 'vitest'
import {
  crossedMilestone,
  formatClock,
  secondsLeft,
  ServerClock,
  skewOf,
  spokenTime,
  urgency,
  warningLevel,
} from './clock'

const T0 = Date.parse('2026-11-27T10:00:00Z')

describe('the server clock', () => {
  it('takes the middle of the round trip as the moment the server stamped its time', () => {
    // The local clock is 90 s behind: sent at T0, received 200 ms later, the server said T0 + 90.1 s.
    const skew = skewOf({ serverTime: new Date(T0 + 90_100).toISOString(), sentAt: T0, receivedAt: T0 + 200 })
    expect(skew).toBe(90_000)
  })

  it('shows the time left by the server, whatever the computer clock says', () => {
    let local = T0
    const clock = new ServerClock(() => local)
    const deadline = new Date(T0 + 30 * 60_000).toISOString()
    // The computer is 5 minutes ahead: without the correction it would show 25 minutes.
    clock.observe({ serverTime: new Date(T0 - 5 * 60_000).toISOString(), sentAt: T0, receivedAt: T0 })
    expect(clock.remaining(deadline)).toBe(35 * 60)
    local += 60_000
    expect(clock.remaining(deadline)).toBe(34 * 60)
  })

  it('prefers the quickest round trip, but replaces an old sample', () => {
    let local = T0
    const clock = new ServerClock(() => local)
    clock.observe({ serverTime: new Date(T0 + 1000).toISOString(), sentAt: T0, receivedAt: T0 + 20 })
    expect(clock.offset()).toBe(990)
    // A slow response (2 s round trip) is less precise: ignored.
    clock.observe({ serverTime: new Date(T0 + 9000).toISOString(), sentAt: T0, receivedAt: T0 + 2000 })
    expect(clock.offset()).toBe(990)
    // Ten minutes later the clock may have been corrected: a fresh sample wins even if slower.
    local = T0 + 10 * 60_000
    clock.observe({
      serverTime: new Date(local + 3000).toISOString(),
      sentAt: local - 2000,
      receivedAt: local,
    })
    expect(clock.offset()).toBe(4000)
  })

  it('ignores a response without a readable time', () => {
    const clock = new ServerClock(() => T0)
    clock.observe({ serverTime: 'not a time', sentAt: T0, receivedAt: T0 })
    expect(clock.offset()).toBe(0)
  })

  it('never counts below zero and rounds up (0:01 shows until the last second is gone)', () => {
    expect(secondsLeft(T0, T0 + 5000)).toBe(0)
    expect(secondsLeft(T0 + 200, T0)).toBe(1)
  })
})

describe('how the time left reads', () => {
  it.each([
    [0, '0:00'],
    [59, '0:59'],
    [605, '10:05'],
    [3600, '1:00:00'],
    [3723, '1:02:03'],
  ])('%i s → %s', (s, text) => expect(formatClock(s)).toBe(text))

  it('speaks in words', () => {
    expect(spokenTime(3900)).toBe('1 hour 5 minutes left')
    expect(spokenTime(120)).toBe('2 minutes left')
    expect(spokenTime(1)).toBe('1 second left')
  })

  it('announces each milestone once, the smallest when several pass at once (a sleeping laptop)', () => {
    expect(crossedMilestone(601, 600)).toBe(600)
    expect(crossedMilestone(600, 599)).toBeNull()
    expect(crossedMilestone(2000, 30)).toBe(60)
    expect(crossedMilestone(100, 90)).toBeNull()
  })

  it('stays calm until the last ten minutes', () => {
    expect(urgency(3600)).toBe('calm')
    expect(urgency(600)).toBe('warning')
    expect(urgency(60)).toBe('urgent')
  })

  it('warns in view from five minutes left, then in the last minute; a test opened late warns at once', () => {
    expect(warningLevel(301)).toBeNull()
    expect(warningLevel(300)).toBe('five-minutes')
    expect(warningLevel(61)).toBe('five-minutes')
    expect(warningLevel(60)).toBe('last-minute')
    expect(crossedMilestone(Number.POSITIVE_INFINITY, 59)).toBe(60)
    expect(crossedMilestone(Number.POSITIVE_INFINITY, 3600)).toBeNull()
  })
})
