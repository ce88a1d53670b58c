import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, type Schemas } from '../api/client'
import { unwrap } from '../lib/problem'

export type EmailTemplate = Schemas['TemplateRead']
export type EmailSummary = Schemas['EmailSummary']
export type EmailStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'captured'

export function useTemplates() {
  return useQuery({
    queryKey: ['email', 'templates'],
    queryFn: async () => unwrap(await api.GET('/api/v1/email/templates')),
  })
}

export function useSaveTemplate() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: async ({ key, body }: { key: string; body: Schemas['TemplateUpdate'] }) =>
      unwrap(await api.PUT('/api/v1/email/templates/{key}', { params: { path: { key } }, body })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['email', 'templates'] }),
  })
}

export async function previewTemplate(key: string, body: Schemas['TemplatePreviewRequest']) {
  return unwrap(await api.POST('/api/v1/email/templates/{key}/preview', { params: { path: { key } }, body }))
}

export function useOutbox(params: { q?: string; status?: EmailStatus; cursor?: string }) {
  return useQuery({
    queryKey: ['email', 'outbox', params],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/email/outbox', { params: { query: { ...params, limit: 50 } } })),
    placeholderData: keepPreviousData,
    refetchInterval: 5000, // messages move from queued to sent/captured in the background
  })
}

export function useEmail(id: string | null) {
  return useQuery({
    queryKey: ['email', 'message', id],
    enabled: !!id,
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/email/outbox/{message_id}', { params: { path: { message_id: id! } } })),
  })
}
