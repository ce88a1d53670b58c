import { describe, expect, it } from 'vitest'
import { addDays, mondayOf, weekDays } from './week'

describe('week', () => {
  it('finds the Monday of any day, Sunday included', () => {
    expect(mondayOf(new Date(2026, 10, 22, 15)).toDateString()).toBe(new Date(2026, 10, 16).toDateString())
    expect(mondayOf(new Date(2026, 10, 23, 0, 5)).toDateString()).toBe(new Date(2026, 10, 23).toDateString())
  })

  it('lists seven consecutive calendar days across a month end', () => {
    const days = weekDays(new Date(2026, 10, 30)).map((d) => d.getDate())
    expect(days).toEqual([30, 1, 2, 3, 4, 5, 6])
    expect(addDays(new Date(2026, 2, 28), 2).getDate()).toBe(30)
  })
})
