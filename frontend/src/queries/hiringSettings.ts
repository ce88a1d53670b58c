import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, type Schemas } from '../api/client'
import { unwrap } from '../lib/problem'

export type RoundTemplate = Schemas['RoundTemplateRead']
export type OrganizationDetail = Schemas['OrganizationDetail']

export function useRoundTemplates() {
  return useQuery({
    queryKey: ['round-templates'],
    queryFn: async () => unwrap(await api.GET('/api/v1/round-templates')),
  })
}

export function useSaveRoundTemplate() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: async ({ id, body }: { id?: string; body: Schemas['RoundTemplateWrite'] }) =>
      id
        ? unwrap(
            await api.PUT('/api/v1/round-templates/{template_id}', {
              params: { path: { template_id: id } },
              body,
            }),
          )
        : unwrap(await api.POST('/api/v1/round-templates', { body })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['round-templates'] }),
  })
}

export function useAddRejectionReason() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: async (label: string) =>
      unwrap(await api.POST('/api/v1/rejection-reasons', { body: { label } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['rejection-reasons'] }),
  })
}

export function useOrganizationSettings() {
  return useQuery({
    queryKey: ['organization'],
    queryFn: async () => unwrap(await api.GET('/api/v1/organization')),
  })
}

export function useSaveSettings() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: async (patch: Record<string, unknown>) =>
      unwrap(await api.PATCH('/api/v1/organization/settings', { body: patch })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['organization'] }),
  })
}

export function useStageEdits(requisitionId: string) {
  const qc = useQueryClient()
  const done = () => {
    void qc.invalidateQueries({ queryKey: ['requisitions'] })
    void qc.invalidateQueries({ queryKey: ['applications'] })
  }
  const path = { params: { path: { requisition_id: requisitionId } } }
  return {
    add: useMutation({
      mutationFn: async (roundTemplateId: string) =>
        unwrap(
          await api.POST('/api/v1/requisitions/{requisition_id}/stages', {
            ...path,
            body: { round_template_id: roundTemplateId },
          }),
        ),
      onSuccess: done,
    }),
    reorder: useMutation({
      mutationFn: async (ids: string[]) =>
        unwrap(
          await api.PUT('/api/v1/requisitions/{requisition_id}/stages/order', {
            ...path,
            body: { stage_ids: ids },
          }),
        ),
      onSuccess: done,
    }),
    remove: useMutation({
      mutationFn: async (stageId: string) =>
        unwrap(
          await api.DELETE('/api/v1/requisitions/{requisition_id}/stages/{stage_id}', {
            params: { path: { requisition_id: requisitionId, stage_id: stageId } },
          }),
        ),
      onSuccess: done,
    }),
  }
}
