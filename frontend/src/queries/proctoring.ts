import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, type Schemas } from '../api/client'
import { unwrap } from '../lib/problem'

export type LiveSession = Schemas['LiveSession']
export type QueueItem = Schemas['QueueItem']
export type IntegrityReview = Schemas['IntegrityReview']
export type IntegrityEvent = Schemas['ProctoringEventRead']
export type IntegritySummary = Schemas['SummaryRead']
/** The compact summary (tier, reasons, verdict) that results and the interview kit carry with a test. */
export type IntegrityBrief = Schemas['IntegrityBrief']
export type SimilarityPair = Schemas['SimilarityPairRead']

// Live updates arrive on the notification stream (`event: proctoring`), which invalidates ['proctoring'];
// the polling is the fallback for people who are not the candidate's recruiter.
export function useLiveSessions(assessmentId: string | null) {
  return useQuery({
    queryKey: ['proctoring', 'live', assessmentId],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/proctoring/live', {
          params: { query: { assessment_id: assessmentId ?? undefined } },
        }),
      ),
    refetchInterval: 15_000,
    placeholderData: keepPreviousData,
  })
}

export function useReviewQueue(cursor: string | undefined) {
  return useQuery({
    queryKey: ['proctoring', 'queue', cursor],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/proctoring/queue', { params: { query: { cursor, limit: 25 } } })),
    placeholderData: keepPreviousData,
  })
}

export function useIntegrityReview(sessionId: string) {
  return useQuery({
    queryKey: ['proctoring', 'session', sessionId],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/proctoring/sessions/{session_id}', {
          params: { path: { session_id: sessionId } },
        }),
      ),
  })
}

/** The summary alone (tier, reasons, verdict) for results screens and review queues; `enabled` is false for
 * people without `proctoring:monitor`, who would only get a 403. */
export function useIntegritySummary(sessionId: string, enabled = true) {
  return useQuery({
    queryKey: ['proctoring', 'summary', sessionId],
    enabled,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/proctoring/sessions/{session_id}/summary', {
          params: { path: { session_id: sessionId } },
        }),
      ),
  })
}

export function useSideBySide(sessionId: string, pairId: string | null) {
  return useQuery({
    queryKey: ['proctoring', 'pair', sessionId, pairId],
    enabled: pairId !== null,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/proctoring/sessions/{session_id}/similarity/{pair_id}', {
          params: { path: { session_id: sessionId, pair_id: pairId ?? '' } },
        }),
      ),
  })
}

/** A snapshot as an object URL: images need the bearer token, which an <img src> cannot send. */
export function useSnapshot(sessionId: string, eventId: string) {
  return useQuery({
    queryKey: ['proctoring', 'snapshot', sessionId, eventId],
    staleTime: Infinity,
    queryFn: async () => {
      const { data, error, response } = await api.GET(
        '/api/v1/proctoring/sessions/{session_id}/snapshots/{event_id}',
        { params: { path: { session_id: sessionId, event_id: eventId } }, parseAs: 'blob' },
      )
      if (error || !data) throw new Error(`Snapshot unavailable (${response.status})`)
      return URL.createObjectURL(data as Blob)
    },
  })
}

export function useReviewEvent(sessionId: string) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: async (v: { eventId: string; decision: 'confirmed' | 'dismissed'; note: string }) =>
      unwrap(
        await api.POST('/api/v1/proctoring/sessions/{session_id}/events/{event_id}/review', {
          params: { path: { session_id: sessionId, event_id: v.eventId } },
          body: { decision: v.decision, note: v.note },
        }),
      ),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['proctoring'] }),
  })
}

export function useVerdict(sessionId: string) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: async (v: { verdict: 'clear' | 'concern' | 'violation'; note: string }) =>
      unwrap(
        await api.POST('/api/v1/proctoring/sessions/{session_id}/verdict', {
          params: { path: { session_id: sessionId } },
          body: v,
        }),
      ),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['proctoring'] }),
  })
}
