import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, type Schemas } from '../api/client'
import { unwrap } from '../lib/problem'

export type Requisition = Schemas['RequisitionRead']
export type RequisitionDetail = Schemas['RequisitionDetail']
export type RequisitionStatus = Requisition['status']
export type RequisitionCreate = Schemas['RequisitionCreate']

export function useRequisitions(params: {
  status?: RequisitionStatus
  q?: string
  department?: string
  cursor?: string
  sort?: string
}) {
  return useQuery({
    queryKey: ['requisitions', 'list', params],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/requisitions', { params: { query: { ...params, limit: 25 } } })),
    placeholderData: keepPreviousData,
  })
}

export function useRequisition(id: string | undefined) {
  return useQuery({
    queryKey: ['requisitions', 'detail', id],
    enabled: !!id,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/requisitions/{requisition_id}', { params: { path: { requisition_id: id! } } }),
      ),
  })
}

export function useStageCounts(ids: string[]) {
  return useQuery({
    queryKey: ['applications', 'stage-counts', ids],
    enabled: ids.length > 0,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/applications/stage-counts', { params: { query: { requisition_id: ids } } }),
      ),
  })
}

function useInvalidate() {
  const qc = useQueryClient()
  return () => {
    void qc.invalidateQueries({ queryKey: ['requisitions'] })
    void qc.invalidateQueries({ queryKey: ['applications'] })
  }
}

export function useSaveRequisition() {
  const invalidate = useInvalidate()
  return useMutation({
    mutationFn: async ({ id, body }: { id?: string; body: RequisitionCreate }) =>
      id
        ? unwrap(
            await api.PATCH('/api/v1/requisitions/{requisition_id}', {
              params: { path: { requisition_id: id } },
              body,
            }),
          )
        : unwrap(await api.POST('/api/v1/requisitions', { body })),
    onSuccess: invalidate,
  })
}

export function useChangeRequisitionStatus() {
  const invalidate = useInvalidate()
  return useMutation({
    mutationFn: async ({ id, status, reason }: { id: string; status: RequisitionStatus; reason?: string }) =>
      unwrap(
        await api.POST('/api/v1/requisitions/{requisition_id}/status', {
          params: { path: { requisition_id: id } },
          body: { status, reason: reason ?? null },
        }),
      ),
    onSuccess: invalidate,
  })
}
