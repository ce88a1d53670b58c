import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, type Schemas } from '../api/client'
import { unwrap } from '../lib/problem'

export type Interview = Schemas['InterviewDetail']
export type PortalInterview = Schemas['PortalInterview']
export type InterviewListItem = Schemas['InterviewListItem']
export type InterviewDetail = Schemas['InterviewDetail']
export type Scorecard = Schemas['ScorecardRead']
export type ScorecardWrite = Schemas['ScorecardWrite']

export function useInterviews(params: {
  mine?: boolean
  application_id?: string
  since?: string
  until?: string
}) {
  return useQuery({
    queryKey: ['interviews', 'list', params],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/interviews', {
          params: { query: { ...params, limit: 100, sort: 'starts_at' } },
        }),
      ),
    placeholderData: keepPreviousData,
  })
}

export function useInterview(id: string) {
  return useQuery({
    queryKey: ['interviews', 'detail', id],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/interviews/{interview_id}', { params: { path: { interview_id: id } } })),
  })
}

export function useScorecards(id: string) {
  return useQuery({
    queryKey: ['interviews', 'scorecards', id],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/interviews/{interview_id}/scorecards', {
          params: { path: { interview_id: id } },
        }),
      ),
  })
}

function useInvalidate() {
  const qc = useQueryClient()
  return () => {
    void qc.invalidateQueries({ queryKey: ['interviews'] })
    void qc.invalidateQueries({ queryKey: ['applications'] })
    void qc.invalidateQueries({ queryKey: ['decisions'] })
  }
}

export function useSchedule() {
  const done = useInvalidate()
  return useMutation({
    mutationFn: async (body: Schemas['InterviewCreate']) =>
      unwrap(await api.POST('/api/v1/interviews', { body })),
    onSuccess: done,
  })
}

export function useInterviewStatus() {
  const done = useInvalidate()
  return useMutation({
    mutationFn: async ({
      id,
      status,
      reason,
    }: {
      id: string
      status: Interview['status']
      reason?: string
    }) =>
      unwrap(
        await api.POST('/api/v1/interviews/{interview_id}/status', {
          params: { path: { interview_id: id } },
          body: { status, reason: reason ?? null },
        }),
      ),
    onSuccess: done,
  })
}

export async function saveScorecard(id: string, body: ScorecardWrite, submit: boolean): Promise<Scorecard> {
  const path = { params: { path: { interview_id: id } }, body }
  return submit
    ? unwrap(await api.POST('/api/v1/interviews/{interview_id}/scorecard/submit', path))
    : unwrap(await api.PUT('/api/v1/interviews/{interview_id}/scorecard', path))
}

export function useMyInterviews() {
  return useQuery({
    queryKey: ['portal', 'interviews'],
    queryFn: async () => unwrap(await api.GET('/api/v1/me/interviews')),
  })
}

export function useRespond() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: async ({ id, response }: { id: string; response: 'accepted' | 'declined' }) =>
      unwrap(
        await api.POST('/api/v1/me/interviews/{interview_id}/respond', {
          params: { path: { interview_id: id } },
          body: { response },
        }),
      ),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['portal'] }),
  })
}

/** Interviewers' load that week and the least-loaded free one, for a proposed slot. */
export function useSuggestions(startsAt: string | null, duration: number, skill: string | null) {
  return useQuery({
    queryKey: ['interviews', 'suggestions', startsAt, duration, skill],
    enabled: !!startsAt,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/interviews/suggestions', {
          params: { query: { starts_at: startsAt!, duration_minutes: duration, skill } },
        }),
      ),
    placeholderData: keepPreviousData,
  })
}

/** What a booking would clash with, shown before saving. */
export function useConflicts(
  applicationId: string,
  startsAt: string | null,
  duration: number,
  people: string[],
) {
  return useQuery({
    queryKey: ['interviews', 'conflicts', applicationId, startsAt, duration, people],
    enabled: !!startsAt,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/interviews/conflicts', {
          params: {
            query: {
              application_id: applicationId,
              starts_at: startsAt!,
              duration_minutes: duration,
              people,
            },
          },
        }),
      ),
  })
}

/** The candidate's profile and earlier interview results, for the panel's kit. */
export function useInterviewCandidate(id: string) {
  return useQuery({
    queryKey: ['interviews', 'candidate', id],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/interviews/{interview_id}/candidate', {
          params: { path: { interview_id: id } },
        }),
      ),
  })
}

export function useReschedule() {
  const done = useInvalidate()
  return useMutation({
    mutationFn: async ({ id, body }: { id: string; body: Schemas['Reschedule'] }) =>
      unwrap(
        await api.POST('/api/v1/interviews/{interview_id}/reschedule', {
          params: { path: { interview_id: id } },
          body,
        }),
      ),
    onSuccess: done,
  })
}

export function useReopenScorecard() {
  const done = useInvalidate()
  return useMutation({
    mutationFn: async ({ id, reason }: { id: string; reason: string }) =>
      unwrap(
        await api.POST('/api/v1/interviews/scorecards/{scorecard_id}/reopen', {
          params: { path: { scorecard_id: id } },
          body: { reason },
        }),
      ),
    onSuccess: done,
  })
}
