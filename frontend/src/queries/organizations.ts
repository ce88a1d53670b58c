import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, type Schemas } from '../api/client'
import { unwrap } from '../lib/problem'

export type Organization = Schemas['OrganizationRead']

export function useOrganizations(cursor?: string) {
  return useQuery({
    queryKey: ['organizations', cursor],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/organizations', { params: { query: { cursor, limit: 50, sort: 'name' } } }),
      ),
  })
}

export function useCreateOrganization() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: async (body: Schemas['OrganizationCreate']) =>
      unwrap(await api.POST('/api/v1/organizations', { body })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['organizations'] }),
  })
}

export function useSetOrganizationActive() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: async ({ id, is_active }: { id: string; is_active: boolean }) =>
      unwrap(
        await api.PATCH('/api/v1/organizations/{organization_id}', {
          params: { path: { organization_id: id } },
          body: { is_active },
        }),
      ),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['organizations'] }),
  })
}
