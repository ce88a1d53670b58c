import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, file, multipart, type Schemas } from '../api/client'
import { unwrap } from '../lib/problem'

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

export function useUploadResume() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: async ({ id, resume }: { id: string; resume: File }) =>
      unwrap(
        await api.POST('/api/v1/candidates/{candidate_id}/resume', {
          params: { path: { candidate_id: id } },
          body: { file: file(resume) },
          bodySerializer: multipart,
        }),
      ),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['candidates'] }),
  })
}

/** The stored résumé as a blob: URL for an inline preview (revoke it when done). */
export async function resumeBlobUrl(candidateId: string): Promise<string> {
  const blob = unwrap(
    await api.GET('/api/v1/candidates/{candidate_id}/resume', {
      params: { path: { candidate_id: candidateId }, query: { inline: true } },
      parseAs: 'blob',
    }),
  )
  return URL.createObjectURL(blob as Blob)
}

export type ImportOutcome = Schemas['ImportResult']

/** Import a CSV/XLSX (all or nothing); on validation errors the ApiError carries the row report. */
export function useImportCandidates() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: async ({ upload, dryRun }: { upload: File; dryRun: boolean }) =>
      unwrap(
        await api.POST('/api/v1/candidates/import', {
          params: { query: { dry_run: dryRun } },
          body: { file: file(upload) },
          bodySerializer: multipart,
        }),
      ),
    onSuccess: (outcome) => {
      if (!outcome.dry_run) void qc.invalidateQueries({ queryKey: ['candidates'] })
    },
  })
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
