import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, type Schemas } from '../api/client'
import { ApiError, unwrap, type Problem } from '../lib/problem'
import { session } from '../lib/session'

export type Candidate = Schemas['CandidateRead']

export function useCandidates(params: {
  q?: string
  cursor?: string
  sort?: string
  tag?: string
  source?: string
  owner_id?: string
}) {
  return useQuery({
    queryKey: ['candidates', 'list', params],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/candidates', { params: { query: { ...params, limit: 25 } } })),
    placeholderData: keepPreviousData,
  })
}

export function useCandidate(id: string | undefined) {
  return useQuery({
    queryKey: ['candidates', 'detail', id],
    enabled: !!id,
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/candidates/{candidate_id}', { params: { path: { candidate_id: id! } } })),
  })
}

export function useUpdateCandidate() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: async ({ id, body }: { id: string; body: Schemas['CandidateUpdate'] }) =>
      unwrap(
        await api.PATCH('/api/v1/candidates/{candidate_id}', {
          params: { path: { candidate_id: id } },
          body,
        }),
      ),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['candidates'] }),
  })
}

export function useCreateCandidate() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: async (body: Schemas['CandidateCreate']) =>
      unwrap(await api.POST('/api/v1/candidates', { body })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['candidates'] }),
  })
}

/** Multipart upload with the session's token (openapi-fetch sends JSON; files go through FormData). */
export async function uploadResume(candidateId: string, file: File): Promise<Candidate> {
  const form = new FormData()
  form.append('file', file)
  const send = () =>
    fetch(`/api/v1/candidates/${candidateId}/resume`, {
      method: 'POST',
      body: form,
      headers: { Authorization: `Bearer ${session.token()}` },
    })
  let response = await send()
  if (response.status === 401 && (await session.refresh())) response = await send()
  const body = await response.json()
  if (!response.ok) throw new ApiError(body as Problem, response.status)
  return body as Candidate
}

export async function resumeBlobUrl(candidateId: string): Promise<string> {
  const response = await fetch(`/api/v1/candidates/${candidateId}/resume?inline=true`, {
    headers: { Authorization: `Bearer ${session.token()}` },
  })
  if (!response.ok) throw new Error('No résumé')
  return URL.createObjectURL(await response.blob())
}

export interface ImportOutcome {
  created: number
  valid: number
  dry_run: boolean
}

/** Upload a CSV/XLSX for import; on validation errors the ApiError carries the row report. */
export async function importCandidates(file: File, dryRun: boolean): Promise<ImportOutcome> {
  const form = new FormData()
  form.append('file', file)
  const send = () =>
    fetch(`/api/v1/candidates/import?dry_run=${dryRun}`, {
      method: 'POST',
      body: form,
      headers: { Authorization: `Bearer ${session.token()}` },
    })
  let response = await send()
  if (response.status === 401 && (await session.refresh())) response = await send()
  const body = await response.json()
  if (!response.ok) throw new ApiError(body as Problem, response.status)
  return body as ImportOutcome
}

export function useDuplicates(id: string) {
  return useQuery({
    queryKey: ['candidates', 'duplicates', id],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/candidates/{candidate_id}/duplicates', {
          params: { path: { candidate_id: id } },
        }),
      ),
  })
}

export function useMerge() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: async ({ id, duplicateId }: { id: string; duplicateId: string }) =>
      unwrap(
        await api.POST('/api/v1/candidates/{candidate_id}/merge', {
          params: { path: { candidate_id: id } },
          body: { duplicate_id: duplicateId },
        }),
      ),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['candidates'] })
      void qc.invalidateQueries({ queryKey: ['applications'] })
    },
  })
}
