import { describe, expect, it } from 'vitest'
import { ApiError, errorMessage, unwrap } from './problem'

describe('unwrap', () => {
  it('returns data of a successful response', () => {
    expect(unwrap({ data: { a: 1 }, response: new Response(null, { status: 200 }) })).toEqual({ a: 1 })
  })

  it('throws an ApiError carrying the problem and Retry-After', () => {
    const response = new Response(null, { status: 423, headers: { 'Retry-After': '600' } })
    try {
      unwrap({ error: { detail: 'locked' }, response })
      throw new Error('expected a throw')
    } catch (e) {
      expect(e).toBeInstanceOf(ApiError)
      expect((e as ApiError).status).toBe(423)
      expect((e as ApiError).retryAfter).toBe(600)
      expect(errorMessage(e)).toBe('locked')
    }
  })
})
