import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, type Schemas } from '../api/client'
import { unwrap } from '../lib/problem'

export type ApiKey = Schemas['ApiKeyRead']
export type ApiKeyCreated = Schemas['ApiKeyCreated']

export function useApiKeys() {
  return useQuery({
    queryKey: ['api-keys'],
    queryFn: async () => unwrap(await api.GET('/api/v1/api-keys', { params: { query: { limit: 100 } } })),
  })
}

export function usePermissionCatalogue() {
  return useQuery({
    queryKey: ['permissions'],
    queryFn: async () => unwrap(await api.GET('/api/v1/permissions')),
    staleTime: Infinity,
  })
}

export function useCreateApiKey() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: async (body: Schemas['ApiKeyCreate']) => unwrap(await api.POST('/api/v1/api-keys', { body })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['api-keys'] }),
  })
}

export function useRevokeApiKey() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api.POST('/api/v1/api-keys/{key_id}/revoke', { params: { path: { key_id: id } } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['api-keys'] }),
  })
}
