import { describe, expect, it } from 'vitest'
import { duration, extraTime, percent } from './labels'

describe('Step-1 labels', () => {
  it('says extra time as a reader would', () => {
    expect(extraTime({ extra_time_percent: null, extra_time_minutes: null })).toBeNull()
    expect(extraTime({ extra_time_percent: 50, extra_time_minutes: null })).toBe('+50 %')
    expect(extraTime({ extra_time_percent: 25, extra_time_minutes: 10 })).toBe('+25 % and +10 min')
  })

  it('rounds scores to one decimal and shows durations in minutes and seconds', () => {
    expect(percent('83.333')).toBe('83.3%')
    expect(percent(null)).toBe('—')
    expect(duration(75)).toBe('1 min 15 s')
    expect(duration(9)).toBe('9 s')
    expect(duration(null)).toBe('—')
  })
})
