import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, file, multipart, type Schemas } from '../api/client'
import { unwrap } from '../lib/problem'

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

export interface Application {
  first_name: string
  last_name: string
  email: string
  phone?: string | null
  answers?: string | null
  resume: File
}

/** Apply without an account: a multipart form with the résumé. */
export function useApply(slug: string, id: string) {
  return useMutation({
    mutationFn: async ({ resume, ...fields }: Application) =>
      unwrap(
        await api.POST('/api/v1/public/organizations/{slug}/jobs/{requisition_id}/apply', {
          params: { path: { slug, requisition_id: id } },
          body: { ...fields, resume: file(resume) },
          bodySerializer: multipart,
        }),
      ),
  })
}

export function useActivateAccount() {
  return useMutation({
    mutationFn: async (body: Schemas['Activate']) =>
      unwrap(await api.POST('/api/v1/public/account/activate', { body })),
  })
}

export function useConfirmApplication() {
  return useMutation({
    mutationFn: async (token: string) =>
      unwrap(await api.POST('/api/v1/public/applications/confirm', { body: { token } })),
  })
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
