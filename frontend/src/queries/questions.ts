import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, file, multipart, type Schemas } from '../api/client'
import { unwrap } from '../lib/problem'

export type Bank = Schemas['BankRead']
export type BankCreate = Schemas['BankCreate']
export type BankUpdate = Schemas['BankUpdate']
export type QuestionSummary = Schemas['QuestionSummary']
export type QuestionAuthorView = Schemas['QuestionAuthorView']
export type QuestionPreview = Schemas['QuestionPreview']
export type QuestionView = QuestionAuthorView | QuestionPreview
export type QuestionCreate = Schemas['QuestionCreate']
export type QuestionUpdate = Schemas['QuestionUpdate']
export type QuestionType = QuestionSummary['type']
export type Difficulty = QuestionSummary['difficulty']
export type VersionSummary = Schemas['VersionSummary']
export type ImportResult = Schemas['QuestionImportResult']
export type ImportProblem = Schemas['ImportProblem']
export type Backup = Schemas['BackupRead']
export type Feedback = Schemas['FeedbackRead']
export type IssueCategory = Schemas['IssueReportCreate']['category']
export type Run = Schemas['RunRead']
export type VerificationStarted = Schemas['VerificationStarted']

export const STEP_TAGS = [
  'step1_iq',
  'step1_technical',
  'step2_lead',
  'step2_engineer',
  'step3_cto',
  'step3_ceo',
] as const
export type StepTag = (typeof STEP_TAGS)[number]
export const STEP_LABELS: Record<StepTag, string> = {
  step1_iq: 'Step 1 · IQ',
  step1_technical: 'Step 1 · Technical',
  step2_lead: 'Step 2 · Lead developer',
  step2_engineer: 'Step 2 · Software engineer',
  step3_cto: 'Step 3 · CTO',
  step3_ceo: 'Step 3 · CEO',
}
export const TYPE_LABELS: Record<QuestionType, string> = {
  mcq_single: 'Single choice',
  mcq_multi: 'Multiple choice',
  coding: 'Coding',
  essay: 'Essay',
}

export interface BankListParams {
  limit: number
  cursor?: string
  sort?: string
  q?: string
  tag?: string
  enabled?: boolean
}

export interface QuestionSearchParams {
  limit: number
  cursor?: string
  sort?: string
  q?: string
  bank_id?: string
  step?: StepTag
  type?: QuestionType
  difficulty?: Difficulty
  language?: string
  tag?: string
  enabled?: boolean
  verification?: 'unverified' | 'passed' | 'failed'
}

const keys = {
  banks: ['questions', 'banks'] as const,
  bankList: (p: BankListParams) => ['questions', 'banks', 'list', p] as const,
  bank: (id: string) => ['questions', 'banks', id] as const,
  stats: ['questions', 'stats'] as const,
  search: (p: QuestionSearchParams) => ['questions', 'search', p] as const,
  question: (id: string) => ['questions', 'question', id] as const,
  versions: (id: string) => ['questions', 'question', id, 'versions'] as const,
  version: (id: string, v: string) => ['questions', 'question', id, 'version', v] as const,
  backups: (cursor?: string) => ['questions', 'backups', cursor] as const,
  feedback: (p: object) => ['questions', 'feedback', p] as const,
}

// --- banks -----------------------------------------------------------------------------------------------------
export function useBanks(params: BankListParams) {
  return useQuery({
    queryKey: keys.bankList(params),
    queryFn: async () => unwrap(await api.GET('/api/v1/question-banks', { params: { query: params } })),
    placeholderData: keepPreviousData,
  })
}

/** Every bank (up to 100), for pickers and for naming a question's bank. */
export function useAllBanks() {
  return useQuery({
    queryKey: [...keys.banks, 'all'],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/question-banks', { params: { query: { limit: 100, sort: 'name' } } }))
        .items,
    staleTime: 30_000,
  })
}

export function useBankStats() {
  return useQuery({
    queryKey: keys.stats,
    queryFn: async () => unwrap(await api.GET('/api/v1/question-banks/stats')),
  })
}

function useQuestionsMutation<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: fn,
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['questions'] }),
  })
}

export const useCreateBank = () =>
  useQuestionsMutation(async (body: BankCreate) => unwrap(await api.POST('/api/v1/question-banks', { body })))

export const useUpdateBank = () =>
  useQuestionsMutation(async ({ id, body }: { id: string; body: BankUpdate }) =>
    unwrap(await api.PATCH('/api/v1/question-banks/{bank_id}', { params: { path: { bank_id: id } }, body })),
  )

export const useDeleteBank = () =>
  useQuestionsMutation(async (id: string) => {
    const r = await api.DELETE('/api/v1/question-banks/{bank_id}', { params: { path: { bank_id: id } } })
    if (!r.response.ok) unwrap(r)
  })

// --- questions -------------------------------------------------------------------------------------------------
export function useQuestionSearch(params: QuestionSearchParams, enabled = true) {
  return useQuery({
    queryKey: keys.search(params),
    queryFn: async () => unwrap(await api.GET('/api/v1/questions', { params: { query: params } })),
    placeholderData: keepPreviousData,
    enabled,
  })
}

export function useQuestion(id: string | undefined) {
  return useQuery({
    queryKey: keys.question(id ?? ''),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/questions/{question_id}', { params: { path: { question_id: id! } } }),
      ) as QuestionView,
    enabled: !!id,
  })
}

/** Several questions by id (an interview guide's bank questions), each cached like `useQuestion`. */
export function useQuestionsById(ids: string[]) {
  return useQueries({
    queries: ids.map((id) => ({
      queryKey: keys.question(id),
      queryFn: async () =>
        unwrap(
          await api.GET('/api/v1/questions/{question_id}', { params: { path: { question_id: id } } }),
        ) as QuestionView,
      staleTime: 60_000,
    })),
  })
}

export function useVersions(id: string) {
  return useQuery({
    queryKey: keys.versions(id),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/questions/{question_id}/versions', {
          params: { path: { question_id: id }, query: { limit: 100 } },
        }),
      ),
  })
}

export function useVersion(id: string, versionId: string) {
  return useQuery({
    queryKey: keys.version(id, versionId),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/questions/{question_id}/versions/{version_id}', {
          params: { path: { question_id: id, version_id: versionId } },
        }),
      ) as QuestionView,
  })
}

export const useCreateQuestion = () =>
  useQuestionsMutation(async (body: QuestionCreate) => unwrap(await api.POST('/api/v1/questions', { body })))

export const useReplaceQuestion = () =>
  useQuestionsMutation(async ({ id, body }: { id: string; body: QuestionUpdate }) =>
    unwrap(await api.PUT('/api/v1/questions/{question_id}', { params: { path: { question_id: id } }, body })),
  )

export const usePatchQuestion = () =>
  useQuestionsMutation(async ({ id, body }: { id: string; body: Schemas['QuestionPatch'] }) =>
    unwrap(
      await api.PATCH('/api/v1/questions/{question_id}', { params: { path: { question_id: id } }, body }),
    ),
  )

export const useDeleteQuestion = () =>
  useQuestionsMutation(async (id: string) => {
    const r = await api.DELETE('/api/v1/questions/{question_id}', { params: { path: { question_id: id } } })
    if (!r.response.ok) unwrap(r)
  })

export const useBulkQuestions = () =>
  useQuestionsMutation(async (body: Schemas['BulkAction']) =>
    unwrap(await api.POST('/api/v1/questions/bulk', { body })),
  )

export const useVerifyQuestion = () =>
  useMutation({
    mutationFn: async (id: string) =>
      unwrap(
        await api.POST('/api/v1/questions/{question_id}/verify', { params: { path: { question_id: id } } }),
      ),
  })

export const useReportIssue = () =>
  useQuestionsMutation(async ({ id, body }: { id: string; body: Schemas['IssueReportCreate'] }) =>
    unwrap(
      await api.POST('/api/v1/questions/{question_id}/issue-reports', {
        params: { path: { question_id: id } },
        body,
      }),
    ),
  )

// --- execution runs (Verify) -------------------------------------------------------------------------------------
/** The runs of one Verify. The live stream (`execution_run` events) invalidates `['execution-runs', id]`, so each
 * run refreshes as its cases finish; a slow poll covers a stream that is reconnecting. */
export function useRuns(ids: string[]) {
  return useQueries({
    queries: ids.map((id) => ({
      queryKey: ['execution-runs', id],
      queryFn: async () =>
        unwrap(await api.GET('/api/v1/execution/runs/{run_id}', { params: { path: { run_id: id } } })),
      refetchInterval: (q: { state: { data?: Run } }) => (q.state.data?.status === 'finished' ? false : 5000),
    })),
  })
}

// --- import, export, backups -------------------------------------------------------------------------------------
export function useImportQuestions() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: async ({
      upload,
      testCases,
      dryRun,
      bankId,
    }: {
      upload: File
      testCases?: File | null
      dryRun: boolean
      bankId?: string | null
    }) =>
      unwrap(
        await api.POST('/api/v1/question-banks/import', {
          params: { query: { dry_run: dryRun, bank_id: bankId ?? undefined } },
          body: { file: file(upload), test_cases: testCases ? file(testCases) : undefined },
          bodySerializer: multipart,
        }),
      ),
    onSuccess: (_data, vars) => {
      if (!vars.dryRun) void qc.invalidateQueries({ queryKey: ['questions'] })
    },
  })
}

/** The export's address (a download through the session's token). */
export function exportUrl(
  format: 'json' | 'csv' | 'xlsx',
  bankIds: string[] = [],
  questionIds: string[] = [],
) {
  const query = new URLSearchParams({ format })
  bankIds.forEach((id) => query.append('bank_id', id))
  questionIds.forEach((id) => query.append('question_id', id))
  return `/api/v1/question-banks/export?${query.toString()}`
}
export const EXPORT_FILE = { json: 'questions.json', csv: 'questions-csv.zip', xlsx: 'questions.xlsx' }

export function useBackups(cursor?: string) {
  return useQuery({
    queryKey: keys.backups(cursor),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/question-backups', { params: { query: { limit: 20, cursor } } })),
    placeholderData: keepPreviousData,
  })
}

export const useCreateBackup = () =>
  useQuestionsMutation(async (bankIds: string[] | null) =>
    unwrap(await api.POST('/api/v1/question-backups', { body: { bank_ids: bankIds } })),
  )

// --- suggestions and issue reports -------------------------------------------------------------------------------
export interface FeedbackParams {
  limit: number
  cursor?: string
  kind?: 'suggestion' | 'issue'
  status?: 'open' | 'accepted' | 'resolved' | 'declined'
}

export function useFeedbackQueue(params: FeedbackParams) {
  return useQuery({
    queryKey: keys.feedback(params),
    queryFn: async () => unwrap(await api.GET('/api/v1/question-feedback', { params: { query: params } })),
    placeholderData: keepPreviousData,
  })
}

export const useSuggestQuestion = () =>
  useQuestionsMutation(async (body: Schemas['SuggestionCreate']) =>
    unwrap(await api.POST('/api/v1/question-feedback/suggestions', { body })),
  )

export const useAcceptFeedback = () =>
  useQuestionsMutation(async ({ id, body }: { id: string; body: Schemas['FeedbackAccept'] }) =>
    unwrap(
      await api.POST('/api/v1/question-feedback/{feedback_id}/accept', {
        params: { path: { feedback_id: id } },
        body,
      }),
    ),
  )

export const useDeclineFeedback = () =>
  useQuestionsMutation(async ({ id, body }: { id: string; body: Schemas['FeedbackDecline'] }) =>
    unwrap(
      await api.POST('/api/v1/question-feedback/{feedback_id}/decline', {
        params: { path: { feedback_id: id } },
        body,
      }),
    ),
  )
