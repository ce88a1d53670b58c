/** The question editor's form values and their translation to and from the API's bodies. */
import type { Schemas } from '../../api/client'
import { ApiError } from '../../lib/problem'
import { applyProblem } from '../../lib/form'
import type { QuestionAuthorView, QuestionType } from '../../queries/questions'

export type CaseSpec = Schemas['CaseSpec']
export type LanguageCode = Schemas['LanguageCode']
export type Comparison = Schemas['CodingSpec-Input']['comparison']

export interface QuestionValues {
  bank_id: string | null
  type: QuestionType
  title: string
  body: string
  difficulty: 'easy' | 'medium' | 'hard'
  points: number
  expected_minutes: number
  tags: string[]
  enabled: boolean
  explanation: string
  options: { text: string; correct: boolean }[]
  rubric: { criterion: string; points: number; guidance: string }[]
  coding: {
    // Keyed by language like the API, so the API's field errors (`coding.languages.python.reference`) land on
    // the editor they are about.
    languages: Record<string, LanguageCode>
    test_cases: CaseSpec[]
    time_limit_ms: number
    memory_limit_mb: number
    comparison: Comparison
    float_tolerance: number | null
  }
}

export const emptyCoding = (): QuestionValues['coding'] => ({
  languages: {},
  test_cases: [{ stdin: '', expected_stdout: '', visible: true, weight: 1 }],
  time_limit_ms: 2000,
  memory_limit_mb: 256,
  comparison: 'trailing_whitespace',
  float_tolerance: null,
})

export function initialValues(q: QuestionAuthorView | null, bankId: string | null): QuestionValues {
  if (!q)
    return {
      bank_id: bankId,
      type: 'mcq_single',
      title: '',
      body: '',
      difficulty: 'medium',
      points: 1,
      expected_minutes: 5,
      tags: [],
      enabled: true,
      explanation: '',
      options: [
        { text: '', correct: true },
        { text: '', correct: false },
      ],
      rubric: [],
      coding: emptyCoding(),
    }
  const c = q.content
  return {
    bank_id: q.bank_id,
    type: c.type,
    title: c.title,
    body: c.body,
    difficulty: c.difficulty,
    points: c.points,
    expected_minutes: c.expected_minutes,
    tags: q.tags,
    enabled: q.enabled,
    explanation: c.explanation,
    options: c.options.map((o) => ({ text: o.text, correct: o.correct })),
    rubric: c.rubric.map((r) => ({ criterion: r.criterion, points: r.points, guidance: r.guidance ?? '' })),
    coding: c.coding
      ? {
          languages: Object.fromEntries(
            Object.entries(c.coding.languages).map(([k, v]) => [
              k,
              { starter: v.starter ?? '', harness: v.harness ?? '', reference: v.reference },
            ]),
          ),
          test_cases: c.coding.test_cases.map((t) => ({
            stdin: t.stdin ?? '',
            expected_stdout: t.expected_stdout,
            visible: t.visible ?? false,
            weight: t.weight ?? 1,
          })),
          time_limit_ms: c.coding.time_limit_ms ?? 2000,
          memory_limit_mb: c.coding.memory_limit_mb ?? 256,
          comparison: c.coding.comparison ?? 'trailing_whitespace',
          float_tolerance: c.coding.float_tolerance ?? null,
        }
      : emptyCoding(),
  }
}

/** The content the API stores: only the parts of the question's type. */
export function contentBody(v: QuestionValues) {
  const mcq = v.type === 'mcq_single' || v.type === 'mcq_multi'
  return {
    type: v.type,
    title: v.title.trim(),
    body: v.body,
    difficulty: v.difficulty,
    points: v.points,
    expected_minutes: v.expected_minutes,
    explanation: v.explanation,
    options: mcq ? v.options : [],
    rubric: v.type === 'essay' ? v.rubric : [],
    coding:
      v.type === 'coding'
        ? {
            ...v.coding,
            float_tolerance: v.coding.comparison === 'float' ? v.coding.float_tolerance : null,
          }
        : null,
    tags: v.tags,
  }
}

/** applyProblem, and then each error inside a list (`options.1.text`, `coding.test_cases.0.expected_stdout`) also
 * on the very field it names, when the form has it: an author fixing case 7 needs to see which case. */
export function applyQuestionProblem(
  form: {
    getValues: () => QuestionValues
    setErrors: (e: Record<string, React.ReactNode>) => void
    setFieldError: (path: string, error: React.ReactNode) => void
  },
  error: unknown,
) {
  applyProblem(form, error)
  if (!(error instanceof ApiError)) return
  const values = form.getValues()
  for (const e of error.problem.errors ?? []) {
    const path = e.field.replace(/^body\./, '')
    const value = path
      .split('.')
      .reduce<unknown>((v, key) => (v == null ? undefined : (v as Record<string, unknown>)[key]), values)
    if (value !== undefined && /\.\d+(\.|$)/.test(path)) form.setFieldError(path, e.message)
  }
}
