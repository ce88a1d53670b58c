import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, type Schemas } from '../api/client'
import { unwrap } from '../lib/problem'

export type Board = Schemas['Board']
export type BoardCard = Schemas['BoardCard']
export type ApplicationDetail = Schemas['ApplicationDetail']
export type ApplicationRow = Schemas['ApplicationRow']

export function useBoard(requisitionId: string | undefined) {
  return useQuery({
    queryKey: ['applications', 'board', requisitionId],
    enabled: !!requisitionId,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/requisitions/{requisition_id}/board', {
          params: { path: { requisition_id: requisitionId! } },
        }),
      ),
  })
}

export function useApplications(params: { candidate_id?: string; requisition_id?: string }) {
  return useQuery({
    queryKey: ['applications', 'list', params],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/applications', { params: { query: { ...params, limit: 100 } } })),
    placeholderData: keepPreviousData,
  })
}

export function useApplication(id: string | null) {
  return useQuery({
    queryKey: ['applications', 'detail', id],
    enabled: !!id,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/applications/{application_id}', { params: { path: { application_id: id! } } }),
      ),
  })
}

export function useRejectionReasons() {
  return useQuery({
    queryKey: ['rejection-reasons'],
    queryFn: async () => unwrap(await api.GET('/api/v1/rejection-reasons')),
    staleTime: 300_000,
  })
}

function useAppMutation<V>(fn: (v: V) => Promise<unknown>) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: fn,
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: ['applications'] })
      void qc.invalidateQueries({ queryKey: ['requisitions'] })
    },
  })
}

const path = (id: string) => ({ params: { path: { application_id: id } } })

export const useMove = () =>
  useAppMutation(async ({ id, stageId }: { id: string; stageId: string }) =>
    unwrap(
      await api.POST('/api/v1/applications/{application_id}/move', {
        ...path(id),
        body: { stage_id: stageId },
      }),
    ),
  )

export const useReject = () =>
  useAppMutation(
    async ({
      id,
      reasonId,
      note,
      sendEmail,
    }: {
      id: string
      reasonId: string
      note?: string
      sendEmail: boolean
    }) =>
      unwrap(
        await api.POST('/api/v1/applications/{application_id}/reject', {
          ...path(id),
          body: { reason_id: reasonId, note: note || null, send_email: sendEmail },
        }),
      ),
  )

export const useApplicationAction = () =>
  useAppMutation(async ({ id, action }: { id: string; action: 'hold' | 'resume' | 'hire' | 'withdraw' }) => {
    const body = { reason: null }
    if (action === 'hold')
      return unwrap(await api.POST('/api/v1/applications/{application_id}/hold', { ...path(id), body }))
    if (action === 'resume')
      return unwrap(await api.POST('/api/v1/applications/{application_id}/resume', { ...path(id), body }))
    if (action === 'hire')
      return unwrap(await api.POST('/api/v1/applications/{application_id}/hire', { ...path(id), body }))
    return unwrap(await api.POST('/api/v1/applications/{application_id}/withdraw', { ...path(id), body }))
  })

export const useBulk = () =>
  useAppMutation(async (body: Schemas['Bulk']) =>
    unwrap(await api.POST('/api/v1/applications/bulk', { body })),
  )

export const useAddApplication = () =>
  useAppMutation(async (body: Schemas['ApplicationCreate']) =>
    unwrap(await api.POST('/api/v1/applications', { body })),
  )

export const useAddNote = () =>
  useAppMutation(async ({ id, body }: { id: string; body: Schemas['NoteCreate'] }) =>
    unwrap(await api.POST('/api/v1/applications/{application_id}/notes', { ...path(id), body })),
  )

export const useEditNote = () =>
  useAppMutation(async ({ id, noteId, body }: { id: string; noteId: string; body: string }) =>
    unwrap(
      await api.PATCH('/api/v1/applications/{application_id}/notes/{note_id}', {
        params: { path: { application_id: id, note_id: noteId } },
        body: { body },
      }),
    ),
  )
