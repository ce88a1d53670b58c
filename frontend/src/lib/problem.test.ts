import { describe, expect, it } from 'vitest'
import { ApiError, errorMessage, fieldErrors, unwrap } from './problem'

describe('fieldErrors', () => {
  it('maps API field paths onto form fields, first message wins', () => {
    const errors = fieldErrors({
      errors: [
        { field: 'body.email', message: 'Already in use' },
        { field: 'body.email', message: 'second' },
        { field: 'body.link_rules.step1', message: 'min ≤ default ≤ max' },
        { field: 'query.cursor', message: 'Invalid cursor' },
      ],
    })
    expect(errors).toEqual({
      email: 'Already in use',
      'link_rules.step1': 'min ≤ default ≤ max',
      cursor: 'Invalid cursor',
    })
  })

  it('is empty without a problem', () => {
    expect(fieldErrors(undefined)).toEqual({})
  })
})

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
