/** RFC 9457 problem details from the API (lib/form.ts puts their field errors on forms). */
export interface FieldError {
  field: string
  loc?: (string | number)[]
  message: string
  type?: string | null
}

export interface Problem {
  type?: string
  title?: string
  status?: number
  detail?: string
  request_id?: string | null
  errors?: FieldError[]
}

export class ApiError extends Error {
  readonly problem: Problem
  readonly status: number
  readonly retryAfter: number | null

  constructor(problem: Problem, status: number, retryAfter: number | null = null) {
    super(problem.detail || problem.title || `Request failed (${status})`)
    this.problem = problem
    this.status = status
    this.retryAfter = retryAfter
  }
}

/** Unwrap an openapi-fetch result: the data, or an ApiError carrying the problem document. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || !result.response.ok) {
    const retry = result.response.headers.get('Retry-After')
    throw new ApiError((result.error ?? {}) as Problem, result.response.status, retry ? Number(retry) : null)
  }
  return result.data as T
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message
  if (error instanceof Error) return error.message
  return 'Something went wrong.'
}
