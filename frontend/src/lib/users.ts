import { ROLE_LABELS } from './format'

export const ROLE_OPTIONS = Object.entries(ROLE_LABELS)
  .filter(([value]) => value !== 'superadmin')
  .map(([value, label]) => ({ value, label }))

/** Same limits as the API: ≥ 10 characters with a letter and a digit. */
export function passwordProblem(password: string): string | null {
  if (password.length < 10) return 'At least 10 characters.'
  if (!/[a-zA-Z]/.test(password) || !/\d/.test(password)) return 'Use at least one letter and one digit.'
  return null
}
