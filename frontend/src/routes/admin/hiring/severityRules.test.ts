import { describe, expect, it } from 'vitest'
import { ApiError } from '../../../lib/problem'
import { describeRule, ruleFieldErrors, toRule, toValues } from './severityRules'

describe('severity rules in the form', () => {
  it('edits an absent threshold as an empty field and sends it back as null', () => {
    const values = toValues({ type: 'paste', measure: 'length', medium: 300, high: null })
    expect(values).toEqual({ type: 'paste', measure: 'length', medium: 300, high: '', critical: '' })
    expect(toRule({ ...values, critical: '1000' })).toEqual({
      type: 'paste',
      measure: 'length',
      medium: 300,
      high: null,
      critical: 1000,
    })
  })

  it('keeps a threshold of 0 (it is not empty)', () => {
    expect(toRule(toValues({ type: 'copy', measure: 'count', medium: 0 })).medium).toBe(0)
  })

  it('says a rule in words', () => {
    expect(describeRule(toValues({ type: 'focus_lost', measure: 'count', medium: 3, high: 6 }))).toBe(
      'Left the test window: medium from 3 times, high from 6 times',
    )
    expect(describeRule(toValues({ type: 'copy', measure: 'length' }))).toBe('Copied text: always low')
  })
})

describe('ruleFieldErrors', () => {
  const problem = (fields: string[]) =>
    new ApiError({ status: 422, errors: fields.map((field) => ({ field, message: `bad ${field}` })) }, 422)

  it('puts an error inside a rule on that rule’s field, and one on the whole rule on its event', () => {
    expect(
      ruleFieldErrors(
        problem([
          'body.proctoring.severity_rules.2.high',
          'proctoring.severity_rules.4',
          'proctoring.retention_days',
        ]),
      ),
    ).toEqual({
      'proctoring.severity_rules.2.high': 'bad body.proctoring.severity_rules.2.high',
      'proctoring.severity_rules.4.type': 'bad proctoring.severity_rules.4',
    })
  })

  it('ignores what is not an API error', () => {
    expect(ruleFieldErrors(new Error('offline'))).toEqual({})
  })
})
