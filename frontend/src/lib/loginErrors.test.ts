import { describe, expect, it } from 'vitest'
import { loginErrorMessage } from './loginErrors'
import { ApiError } from './problem'
import { passwordProblem } from './users'

describe('loginErrorMessage', () => {
  it('explains each refusal the API can give', () => {
    expect(loginErrorMessage(new ApiError({ detail: 'Invalid email or password.' }, 401))).toBe(
      'Invalid email or password.',
    )
    expect(loginErrorMessage(new ApiError({}, 423, 840))).toMatch(/locked.*14 minutes/)
    expect(loginErrorMessage(new ApiError({}, 429, 60))).toMatch(/Too many failed sign-ins/)
    expect(loginErrorMessage(new TypeError('Failed to fetch'))).toMatch(/Cannot reach/)
  })
})

describe('passwordProblem', () => {
  it('applies the same policy as the API', () => {
    expect(passwordProblem('short1')).toMatch(/10 characters/)
    expect(passwordProblem('onlyletters')).toMatch(/letter and one digit/)
    expect(passwordProblem('long-enough-9')).toBeNull()
  })
})
