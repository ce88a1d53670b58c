/**
 * Step 1 for staff: assessments, the links (invitations) sent to candidates, test results, essay grading and the
 * Step-1 review queue. Keys start with the domain: ['assessments' …], ['invitations' …], ['test-sessions' …].
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, type Schemas } from '../api/client'
import { unwrap } from '../lib/problem'

export type AssessmentRow = Schemas['AssessmentRow']
export type Assessment = Schemas['AssessmentRead']
export type AssessmentWrite = Schemas['AssessmentWrite']
export type SectionWrite = Schemas['SectionWrite']
export type AssessmentPreview = Schemas['AssessmentPreview']
export type StageAssessment = Schemas['StageAssessmentRead']
export type Invitation = Schemas['InvitationRead']
export type LinkState = Invitation['state']
export type LinkStats = Schemas['LinkStats']
export type AccessEntry = Schemas['AccessRead']
export type SessionSummary = Schemas['SessionSummary']
export type SessionResults = Schemas['SessionResults']
export type AnswerResult = Schemas['AnswerResult']
export type GradingItem = Schemas['GradingQueueItem']
export type ReviewMark = NonNullable<AnswerResult['review_mark']>

// --- assessments -------------------------------------------------------------------------------------------------

export interface AssessmentListParams {
  limit: number
  cursor?: string
  sort?: string
  q?: string
  archived?: boolean
}

export function useAssessments(params: AssessmentListParams) {
  return useQuery({
    queryKey: ['assessments', 'list', params],
    queryFn: async () => unwrap(await api.GET('/api/v1/assessments', { params: { query: params } })),
    placeholderData: keepPreviousData,
  })
}

/** Every live assessment, for pickers (the stage editor, "Send test"). */
export function useAssessmentOptions(enabled = true) {
  return useQuery({
    queryKey: ['assessments', 'options'],
    enabled,
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/assessments', { params: { query: { limit: 100, sort: 'name' } } })).items,
    staleTime: 60_000,
  })
}

export function useAssessment(id: string | undefined) {
  return useQuery({
    queryKey: ['assessments', 'detail', id],
    enabled: !!id,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/assessments/{assessment_id}', { params: { path: { assessment_id: id! } } }),
      ),
  })
}

export function useAssessmentPreview(id: string | undefined) {
  return useQuery({
    queryKey: ['assessments', 'preview', id],
    enabled: !!id,
    // A random section shows one sample draw: the preview is not refetched behind the reader's back.
    staleTime: Infinity,
    retry: false,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/assessments/{assessment_id}/preview', {
          params: { path: { assessment_id: id! } },
        }),
      ),
  })
}

function useAssessmentMutation<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: fn,
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['assessments'] }),
  })
}

export const useSaveAssessment = () =>
  useAssessmentMutation(async ({ id, body }: { id?: string; body: AssessmentWrite }) =>
    id
      ? unwrap(
          await api.PUT('/api/v1/assessments/{assessment_id}', {
            params: { path: { assessment_id: id } },
            body,
          }),
        )
      : unwrap(await api.POST('/api/v1/assessments', { body })),
  )

export const useDeleteAssessment = () =>
  useAssessmentMutation(async (id: string) =>
    unwrap(
      await api.DELETE('/api/v1/assessments/{assessment_id}', { params: { path: { assessment_id: id } } }),
    ),
  )

export function useStageAssessments(requisitionId: string, enabled = true) {
  return useQuery({
    queryKey: ['assessments', 'stages', requisitionId],
    enabled,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/requisitions/{requisition_id}/assessments', {
          params: { path: { requisition_id: requisitionId } },
        }),
      ),
  })
}

export const useSetStageAssessment = (requisitionId: string) =>
  useAssessmentMutation(async ({ stageId, assessmentId }: { stageId: string; assessmentId: string | null }) =>
    unwrap(
      await api.PUT('/api/v1/requisitions/{requisition_id}/stages/{stage_id}/assessment', {
        params: { path: { requisition_id: requisitionId, stage_id: stageId } },
        body: { assessment_id: assessmentId },
      }),
    ),
  )

// --- the question banks an assessment draws from (read only here) -------------------------------------------------

export function useBankOptions(enabled = true) {
  return useQuery({
    queryKey: ['questions', 'banks', 'options'],
    enabled,
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/question-banks', { params: { query: { limit: 100 } } })).items,
    staleTime: 60_000,
  })
}

export function useQuestionSearch(params: { q?: string; bank_id?: string; limit: number }, enabled = true) {
  return useQuery({
    queryKey: ['questions', 'pick', params],
    enabled,
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/questions', { params: { query: { ...params, enabled: true } } })).items,
    placeholderData: keepPreviousData,
  })
}

// --- invitations (the Links page) -------------------------------------------------------------------------------

export interface InvitationListParams {
  limit: number
  cursor?: string
  sort?: string
  state?: LinkState
  mine?: boolean
  flagged?: boolean
  assessment_id?: string
  application_id?: string
}

export function useInvitations(params: InvitationListParams, enabled = true) {
  return useQuery({
    queryKey: ['invitations', 'list', params],
    enabled,
    queryFn: async () => unwrap(await api.GET('/api/v1/invitations', { params: { query: params } })),
    placeholderData: keepPreviousData,
  })
}

export function useLinkStats(mine: boolean) {
  return useQuery({
    queryKey: ['invitations', 'stats', mine],
    queryFn: async () => unwrap(await api.GET('/api/v1/invitations/stats', { params: { query: { mine } } })),
  })
}

export function useAccessLog(id: string | null) {
  return useQuery({
    queryKey: ['invitations', 'access', id],
    enabled: !!id,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/invitations/{invitation_id}/access-log', {
          params: { path: { invitation_id: id! }, query: { limit: 50 } },
        }),
      ),
  })
}

function useLinkMutation<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['invitations'] })
      void qc.invalidateQueries({ queryKey: ['applications'] })
    },
  })
}

const link = (id: string) => ({ params: { path: { invitation_id: id } } })

export const useSendTest = () =>
  useLinkMutation(async (body: Schemas['InvitationCreate']) =>
    unwrap(await api.POST('/api/v1/invitations', { body })),
  )

export const useBulkSendTest = () =>
  useLinkMutation(async (body: Schemas['BulkInvite']) =>
    unwrap(await api.POST('/api/v1/invitations/bulk', { body })),
  )

export const useExtendLink = () =>
  useLinkMutation(async ({ id, body }: { id: string; body: Schemas['Extend'] }) =>
    unwrap(await api.POST('/api/v1/invitations/{invitation_id}/extend', { ...link(id), body })),
  )

export const useResendLink = () =>
  useLinkMutation(async (id: string) =>
    unwrap(await api.POST('/api/v1/invitations/{invitation_id}/resend', link(id))),
  )

export const useRevokeLink = () =>
  useLinkMutation(async ({ id, reason }: { id: string; reason?: string }) =>
    unwrap(await api.POST('/api/v1/invitations/{invitation_id}/revoke', { ...link(id), body: { reason } })),
  )

export const useRegenerateLink = () =>
  useLinkMutation(async ({ id, days }: { id: string; days?: number }) =>
    unwrap(await api.POST('/api/v1/invitations/{invitation_id}/regenerate', { ...link(id), body: { days } })),
  )

export const useSetAccommodation = () =>
  useLinkMutation(async ({ id, body }: { id: string; body: Schemas['Accommodation'] }) =>
    unwrap(await api.PUT('/api/v1/invitations/{invitation_id}/accommodation', { ...link(id), body })),
  )

export const useBulkResend = () =>
  useLinkMutation(async (ids: string[]) =>
    unwrap(await api.POST('/api/v1/invitations/bulk-resend', { body: { invitation_ids: ids } })),
  )

export const useBulkExtend = () =>
  useLinkMutation(async (body: Schemas['BulkExtend']) =>
    unwrap(await api.POST('/api/v1/invitations/bulk-extend', { body })),
  )

// --- results, grading, Step-1 reviews ---------------------------------------------------------------------------

export function useApplicationSessions(applicationId: string | null | undefined, enabled = true) {
  return useQuery({
    queryKey: ['test-sessions', 'application', applicationId],
    enabled: !!applicationId && enabled,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/applications/{application_id}/test-sessions', {
          params: { path: { application_id: applicationId! } },
        }),
      ),
  })
}

export function useSessionResults(id: string | undefined) {
  return useQuery({
    queryKey: ['test-sessions', 'detail', id],
    enabled: !!id,
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/test-sessions/{session_id}', { params: { path: { session_id: id! } } })),
  })
}

function useResultsMutation<V>(fn: (v: V) => Promise<SessionResults | SessionSummary>) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: fn,
    onSuccess: (data) => {
      if ('answers' in data) qc.setQueryData(['test-sessions', 'detail', data.id], data)
      void qc.invalidateQueries({ queryKey: ['test-sessions'] })
      void qc.invalidateQueries({ queryKey: ['applications'] })
    },
  })
}

const answer = (sessionId: string, position: number) => ({
  params: { path: { session_id: sessionId, position } },
})

export const useGradeEssay = () =>
  useResultsMutation(
    async ({
      sessionId,
      position,
      body,
    }: {
      sessionId: string
      position: number
      body: Schemas['EssayGrade']
    }) =>
      unwrap(
        await api.POST('/api/v1/test-sessions/{session_id}/answers/{position}/grade', {
          ...answer(sessionId, position),
          body,
        }),
      ),
  )

export const useRerunAnswer = () =>
  useResultsMutation(async ({ sessionId, position }: { sessionId: string; position: number }) =>
    unwrap(
      await api.POST(
        '/api/v1/test-sessions/{session_id}/answers/{position}/rerun',
        answer(sessionId, position),
      ),
    ),
  )

export const useMarkAnswer = () =>
  useResultsMutation(
    async ({
      sessionId,
      position,
      body,
    }: {
      sessionId: string
      position: number
      body: Schemas['MarkAnswer']
    }) =>
      unwrap(
        await api.POST('/api/v1/test-sessions/{session_id}/answers/{position}/review', {
          ...answer(sessionId, position),
          body,
        }),
      ),
  )

export function useGradingQueue(params: { limit: number; cursor?: string }) {
  return useQuery({
    queryKey: ['test-sessions', 'grading', params],
    queryFn: async () => unwrap(await api.GET('/api/v1/grading/queue', { params: { query: params } })),
    placeholderData: keepPreviousData,
  })
}

export function useStep1Reviews(params: { limit: number; cursor?: string }) {
  return useQuery({
    queryKey: ['test-sessions', 'step1', params],
    queryFn: async () => unwrap(await api.GET('/api/v1/step1-reviews', { params: { query: params } })),
    placeholderData: keepPreviousData,
  })
}

export const useDecideStep1 = () =>
  useResultsMutation(
    async ({ sessionId, body }: { sessionId: string; body: Schemas['Step1ReviewDecision'] }) =>
      unwrap(
        await api.POST('/api/v1/step1-reviews/{session_id}/decision', {
          params: { path: { session_id: sessionId } },
          body,
        }),
      ),
  )
