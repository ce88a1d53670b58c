import { describe, expect, it } from 'vitest'
import { reviewStatus } from './labels'

describe('reviewStatus', () => {
  const base = { tier: 'none' as const, reasons: [], verdict: null, pending_reviews: 0 }

  it('says when nothing was recorded', () => {
    expect(reviewStatus(base)).toBe('No integrity signals were recorded.')
  })

  it('counts the flags still waiting for a person', () => {
    expect(
      reviewStatus({ ...base, tier: 'medium', reasons: ['Left the window 4 times'], pending_reviews: 1 }),
    ).toBe('No verdict yet: 1 flag waiting for a reviewer.')
    expect(reviewStatus({ ...base, pending_reviews: 2 })).toBe(
      'No risk signals; 2 flags waiting for a reviewer.',
    )
  })

  it('names the verdict a person recorded', () => {
    expect(reviewStatus({ ...base, tier: 'high', verdict: 'concern', pending_reviews: 3 })).toBe(
      'A reviewer recorded the verdict “Concern”.',
    )
  })
})
