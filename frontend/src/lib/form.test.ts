import type { ReactNode } from 'react'
import { describe, expect, it } from 'vitest'
import type { Limits } from '../api/limits'
import { apiRules, applyProblem, checkField, FORM_ERROR } from './form'
import { ApiError } from './problem'

/** The two members of a @mantine/form form that applyProblem uses, recording what it sets. */
function fakeForm(values: unknown) {
  const form = {
    errors: {} as Record<string, ReactNode>,
    getValues: () => values,
    setErrors: (errors: Record<string, ReactNode>) => {
      form.errors = errors
    },
  }
  return form
}

const conflict = (detail: string, errors: { field: string; message: string }[] = []) =>
  new ApiError({ title: 'Conflict', detail, errors }, errors.length ? 422 : 409)

describe('applyProblem', () => {
  it('puts each field error on its field, API prefixes removed, the first message winning', () => {
    const form = fakeForm({ email: '', full_name: '' })
    applyProblem(
      form,
      conflict('Invalid input', [
        { field: 'body.email', message: 'Already in use' },
        { field: 'body.email', message: 'second' },
      ]),
    )
    expect(form.errors).toEqual({ email: 'Already in use' })
  })

  it('shows a problem without field errors as the form-level message', () => {
    const form = fakeForm({ name: '' })
    applyProblem(form, conflict('This candidate already applied to this requisition.'))
    expect(form.errors).toEqual({ [FORM_ERROR]: 'This candidate already applied to this requisition.' })
  })

  it('keeps errors for fields the form does not have at the form level, beside the placed ones', () => {
    const form = fakeForm({ password: '' })
    applyProblem(
      form,
      conflict('Invalid input', [
        { field: 'body.password', message: 'Too short' },
        { field: 'body.token', message: 'This link has expired.' },
      ]),
    )
    expect(form.errors).toEqual({ password: 'Too short', [FORM_ERROR]: 'This link has expired.' })
  })

  it('lands errors inside lists and nested objects on the field that edits them, or where an alias says', () => {
    const form = fakeForm({
      tags: ['a', 'b'],
      stage_weights: { assessment: 1 },
      link_rules: { step1: { d: 1 } },
    })
    applyProblem(
      form,
      conflict('Invalid input', [
        { field: 'body.tags.1', message: 'Too long' },
        { field: 'body.stage_weights.assessment', message: 'At most 10' },
        { field: 'body.link_rules.step1', message: 'min ≤ default ≤ max' },
      ]),
      { 'link_rules.step1': 'link_rules.step1.d' },
    )
    expect(form.errors).toEqual({
      tags: 'Too long',
      'stage_weights.assessment': 'At most 10',
      'link_rules.step1.d': 'min ≤ default ≤ max',
    })
  })

  it('says something sensible for errors that are not problems', () => {
    const form = fakeForm({})
    applyProblem(form, new TypeError('Failed to fetch'))
    expect(form.errors).toEqual({ [FORM_ERROR]: 'Failed to fetch' })
  })
})

describe('apiRules', () => {
  const limits: Limits = {
    first_name: { required: true, minLength: 1, maxLength: 5 },
    email: { required: true, email: true },
    phone: { maxLength: 40, pattern: '^[0-9+ ]{5,40}$' },
    positions: { minimum: 1, maximum: 500 },
    tags: { maxItems: 2 },
    'thresholds.auto_advance': { minimum: 0, maximum: 100 },
    not_in_this_form: { required: true },
  }

  it('checks the fields the form has against the API limits, and nothing else', () => {
    const validate = apiRules(limits)
    expect(
      validate({
        first_name: '  ',
        email: 'nope',
        phone: 'abc',
        positions: 0,
        tags: ['a', 'b', 'c'],
        thresholds: { auto_advance: 120 },
      }),
    ).toEqual({
      first_name: 'Required.',
      email: 'Enter a valid email address.',
      phone: 'This format is not accepted.',
      positions: 'At least 1.',
      tags: 'At most 2.',
      'thresholds.auto_advance': 'At most 100.',
    })
  })

  it('accepts valid values and empty optional fields', () => {
    const validate = apiRules(limits)
    expect(
      validate({
        first_name: 'Ada',
        email: 'ada@example.com',
        phone: '',
        positions: '',
        tags: [],
        thresholds: {},
      }),
    ).toEqual({})
  })

  it('words required fields per form and adds the rules no schema carries, which win', () => {
    const validate = apiRules<{ first_name: string; email: string }>(limits, {
      messages: { first_name: 'Enter your first name.' },
      extra: (v) => ({ email: v.email.endsWith('@example.com') ? null : 'Use your work email.' }),
    })
    expect(validate({ first_name: '', email: 'a@b.co' })).toEqual({
      first_name: 'Enter your first name.',
      email: 'Use your work email.',
    })
  })
})

describe('checkField', () => {
  it('measures text without surrounding blanks and reports lengths in words', () => {
    expect(checkField('  abcdef  ', { maxLength: 5 })).toBe('At most 5 characters.')
    expect(checkField('a', { minLength: 2 })).toBe('At least 2 characters.')
    expect(checkField(' abc ', { maxLength: 3 })).toBeNull()
  })

  it('checks numbers typed as text and exclusive minimums', () => {
    expect(checkField('0', { exclusiveMinimum: 0 })).toBe('More than 0.')
    expect(checkField(3.5, { minimum: 1, maximum: 5 })).toBeNull()
  })
})
