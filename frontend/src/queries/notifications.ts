import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, type Schemas } from '../api/client'
import { unwrap } from '../lib/problem'

export type Notification = Schemas['NotificationRead']
export type NotificationType = Notification['type']
export interface InboxParams {
  unread?: boolean
  type?: NotificationType
  archived?: boolean
  cursor?: string
  limit?: number
}

export const notificationKeys = { all: ['notifications'] as const }

export function useInbox(params: InboxParams) {
  return useQuery({
    queryKey: ['notifications', 'list', params],
    queryFn: async () => unwrap(await api.GET('/api/v1/notifications', { params: { query: params } })),
    placeholderData: keepPreviousData,
  })
}

export function useUnreadCount() {
  return useQuery({
    queryKey: ['notifications', 'unread'],
    queryFn: async () => unwrap(await api.GET('/api/v1/notifications/unread-count')),
  })
}

function useInboxMutation<V>(fn: (v: V) => Promise<unknown>) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: fn,
    onSuccess: () => void qc.invalidateQueries({ queryKey: notificationKeys.all }),
  })
}

export const useMarkRead = () =>
  useInboxMutation(async ({ id, read }: { id: string; read: boolean }) =>
    unwrap(
      read
        ? await api.POST('/api/v1/notifications/{notification_id}/read', {
            params: { path: { notification_id: id } },
          })
        : await api.POST('/api/v1/notifications/{notification_id}/unread', {
            params: { path: { notification_id: id } },
          }),
    ),
  )

export const useArchive = () =>
  useInboxMutation(async ({ id, archived }: { id: string; archived: boolean }) =>
    unwrap(
      archived
        ? await api.POST('/api/v1/notifications/{notification_id}/archive', {
            params: { path: { notification_id: id } },
          })
        : await api.POST('/api/v1/notifications/{notification_id}/unarchive', {
            params: { path: { notification_id: id } },
          }),
    ),
  )

export const useMarkAllRead = () =>
  useInboxMutation(async () => unwrap(await api.POST('/api/v1/notifications/read-all')))

export const useBroadcast = () =>
  useInboxMutation(async (body: Schemas['Broadcast']) =>
    unwrap(await api.POST('/api/v1/notifications/broadcast', { body })),
  )
