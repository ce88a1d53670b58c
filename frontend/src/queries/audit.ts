import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { api, type Schemas } from '../api/client'
import { unwrap } from '../lib/problem'

export type AuditEntry = Schemas['AuditLogRead']
export interface AuditFilters {
  action?: string
  entity_type?: string
  entity_id?: string
  actor_id?: string
  since?: string
  until?: string
}

export function useAuditLog(filters: AuditFilters, cursor: string | undefined, limit = 50) {
  return useQuery({
    queryKey: ['audit', filters, cursor, limit],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/audit-logs', { params: { query: { ...filters, cursor, limit } } })),
    placeholderData: keepPreviousData,
  })
}

export function auditExportUrl(filters: AuditFilters): string {
  const qs = new URLSearchParams(Object.entries(filters).filter(([, v]) => v) as [string, string][])
  return `/api/v1/audit-logs/export${qs.size ? `?${qs}` : ''}`
}
