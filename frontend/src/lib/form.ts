/**
 * The one form idiom (with @mantine/form):
 *
 *   const form = useForm({ initialValues, validate: apiRules(limits.CandidateCreate) })
 *   <form onSubmit={form.onSubmit(async (values) => {
 *     try { await create.mutateAsync(values) } catch (e) { applyProblem(form, e) }
 *   })}> … <FormError form={form} /> </form>
 *
 * `apiRules` validates on the client with the limits the API enforces (src/api/limits.ts is generated from the
 * OpenAPI document); `applyProblem` puts the API's field errors next to their fields, and what no field can
 * show (a conflict, a rule across fields) under the form-level key that <FormError> displays.
 */
import type { ReactNode } from 'react'
import type { FieldLimits, Limits } from '../api/limits'
import { ApiError, errorMessage } from './problem'

/** Where a form keeps the message that belongs to no single field. */
export const FORM_ERROR = 'form'

type Errors = Record<string, string | null>
/** Any @mantine/form form (only what applyProblem needs of it). */
interface AnyForm {
  getValues: () => unknown
  setErrors: (errors: Record<string, ReactNode>) => void
}

function isEmpty(value: unknown): boolean {
  if (value == null) return true
  if (typeof value === 'string') return value.trim() === ''
  if (Array.isArray(value)) return value.length === 0
  return false
}

function get(values: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((v, key) => (v == null ? undefined : (v as Record<string, unknown>)[key]), values)
}

/** The message for one value against the API's limits of its field, or null when it is acceptable. */
export function checkField(
  value: unknown,
  limits: FieldLimits,
  requiredMessage = 'Required.',
): string | null {
  if (isEmpty(value)) return limits.required ? requiredMessage : null
  if (typeof value === 'string') {
    const text = value.trim()
    if (limits.minLength !== undefined && text.length < limits.minLength)
      return `At least ${limits.minLength} character${limits.minLength === 1 ? '' : 's'}.`
    if (limits.maxLength !== undefined && text.length > limits.maxLength)
      return `At most ${limits.maxLength} characters.`
    if (limits.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)) return 'Enter a valid email address.'
    if (limits.pattern && !new RegExp(limits.pattern).test(text)) return 'This format is not accepted.'
  }
  const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN
  if (!Number.isNaN(number)) {
    if (limits.minimum !== undefined && number < limits.minimum) return `At least ${limits.minimum}.`
    if (limits.exclusiveMinimum !== undefined && number <= limits.exclusiveMinimum)
      return `More than ${limits.exclusiveMinimum}.`
    if (limits.maximum !== undefined && number > limits.maximum) return `At most ${limits.maximum}.`
  }
  if (Array.isArray(value)) {
    if (limits.maxItems !== undefined && value.length > limits.maxItems) return `At most ${limits.maxItems}.`
    if (limits.minItems !== undefined && value.length < limits.minItems) return `At least ${limits.minItems}.`
  }
  return null
}

/**
 * A `validate` function for useForm: every form field named like an API field is checked against the API's
 * limits (fields the form does not have are skipped). `messages` words the "required" error per field; `extra`
 * adds the rules no schema carries (password strength, min ≤ max …) and wins over the generic ones.
 */
export function apiRules<V>(
  limits: Limits,
  options: { messages?: Record<string, string>; extra?: (values: V) => Errors } = {},
): (values: V) => Errors {
  return (values) => {
    const errors: Errors = {}
    for (const [field, fieldLimits] of Object.entries(limits)) {
      const value = get(values, field)
      if (value === undefined && !(field in ((values ?? {}) as object))) continue
      const message = checkField(value, fieldLimits, options.messages?.[field])
      if (message) errors[field] = message
    }
    for (const [field, message] of Object.entries(options.extra?.(values) ?? {}))
      if (message) errors[field] = message
    return errors
  }
}

/**
 * Put an API error on a form: each field error on its field (`body.email` → `email`; `aliases` maps API paths to
 * form fields that are named differently), and the rest — or the problem's detail when no field matched — under
 * FORM_ERROR. An error inside a list (`tags.3`) lands on the list; one deeper than the form's fields lands on the
 * closest enclosing field; an alias names the field (or FORM_ERROR) for a path and everything under it.
 */
export function applyProblem(form: AnyForm, error: unknown, aliases: Record<string, string> = {}): void {
  const values = form.getValues()
  const onFields: Record<string, string> = {}
  const unplaced: string[] = []
  for (const e of error instanceof ApiError ? (error.problem.errors ?? []) : []) {
    const target = fieldFor(e.field.replace(/^(body|query|path)\./, ''), values, aliases)
    if (target) onFields[target] ??= e.message
    else unplaced.push(e.message)
  }
  const placed = Object.keys(onFields).length > 0
  const message = !placed ? errorMessage(error) : unplaced.length ? unplaced.join(' ') : null
  form.setErrors({ ...onFields, ...(message ? { [FORM_ERROR]: message } : {}) })
}

function fieldFor(path: string, values: unknown, aliases: Record<string, string>): string | null {
  // Lists are edited as a whole (tags, multi-selects): `tags.3` belongs to `tags`.
  const parts = path.split('.')
  const index = parts.findIndex((p) => /^\d+$/.test(p))
  const field = index === -1 ? parts : parts.slice(0, index)
  const prefixes = field.map((_, n) => field.slice(0, field.length - n).join('.'))
  return (
    prefixes.map((p) => aliases[p]).find(Boolean) ??
    prefixes.find((p) => get(values, p) !== undefined) ??
    null
  )
}
