import { ApiError } from './problem'

export function loginErrorMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return 'Cannot reach InterviewFlow. Check your connection and try again.'
  if (error.status === 423) {
    const minutes = Math.max(1, Math.ceil((error.retryAfter ?? 900) / 60))
    return `Too many failed attempts: this account is locked. Try again in ${minutes} minute${minutes > 1 ? 's' : ''}.`
  }
  if (error.status === 429)
    return 'Too many failed sign-ins from your network. Wait a few minutes and try again.'
  if (error.status === 422) return 'Enter your email and password.'
  return error.message || 'Invalid email or password.'
}
