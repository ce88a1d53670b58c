import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, type Schemas } from '../api/client'
import { ApiError, unwrap, type Problem } from '../lib/problem'

export type PublicJob = Schemas['PublicJob']
export type PortalApplication = Schemas['PortalApplication']

export function useJobBoard(
  slug: string,
  params: { q?: string; employment_type?: PublicJob['employment_type']; location?: string; cursor?: string },
) {
  return useQuery({
    queryKey: ['job-board', slug, params],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/public/organizations/{slug}/jobs', {
          params: { path: { slug }, query: { ...params, limit: 20 } },
        }),
      ),
    placeholderData: keepPreviousData,
  })
}

export function useJob(slug: string, id: string) {
  return useQuery({
    queryKey: ['job-board', slug, 'job', id],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/public/organizations/{slug}/jobs/{requisition_id}', {
          params: { path: { slug, requisition_id: id } },
        }),
      ),
  })
}

export async function applyToJob(slug: string, id: string, form: FormData): Promise<Schemas['ApplyResult']> {
  const response = await fetch(`/api/v1/public/organizations/${encodeURIComponent(slug)}/jobs/${id}/apply`, {
    method: 'POST',
    body: form,
  })
  const body = await response.json()
  if (!response.ok)
    throw new ApiError(body as Problem, response.status, Number(response.headers.get('Retry-After')) || null)
  return body
}

export async function activateAccount(token: string, password: string): Promise<void> {
  const response = await fetch('/api/v1/public/account/activate', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token, password }),
  })
  if (!response.ok) throw new ApiError((await response.json()) as Problem, response.status)
}

export async function confirmApplication(token: string): Promise<void> {
  const response = await fetch('/api/v1/public/applications/confirm', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token }),
  })
  if (!response.ok) throw new ApiError((await response.json()) as Problem, response.status)
}

export function useMyApplications(enabled: boolean) {
  return useQuery({
    queryKey: ['portal', 'applications'],
    enabled,
    queryFn: async () => unwrap(await api.GET('/api/v1/me/applications')),
  })
}

export function useWithdrawMine() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: async (id: string) =>
      unwrap(
        await api.POST('/api/v1/me/applications/{application_id}/withdraw', {
          params: { path: { application_id: id } },
        }),
      ),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['portal'] }),
  })
}
