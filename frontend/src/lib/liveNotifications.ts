import { fetchEventSource } from '@microsoft/fetch-event-source'
import { notifications as toasts } from '@mantine/notifications'
import { useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import type { Notification } from '../queries/notifications'
import { session } from './session'

class RetriableError extends Error {}

/**
 * Subscribes to the server-sent notification stream while signed in. New notifications refresh the bell and the
 * inbox; urgent and high ones also pop a toast. The library reconnects with Last-Event-ID, so nothing sent
 * while the connection was down is lost.
 */
export function useLiveNotifications(enabled: boolean, onOpen: (n: Notification) => void) {
  const queryClient = useQueryClient()

  useEffect(() => {
    if (!enabled) return
    const controller = new AbortController()
    void fetchEventSource('/api/v1/notifications/stream', {
      signal: controller.signal,
      openWhenHidden: true,
      fetch: (input, init) => {
        const headers = new Headers(init?.headers)
        const token = session.token()
        if (token) headers.set('Authorization', `Bearer ${token}`)
        return fetch(input, { ...init, headers })
      },
      async onopen(response) {
        if (response.ok) return
        if (response.status === 401 && (await session.refresh())) throw new RetriableError()
        if (response.status === 401) {
          session.expire()
          controller.abort()
        }
        throw new RetriableError()
      },
      onmessage(event) {
        if (event.event === 'execution_run') {
          // A code run's progress (only the person who asked gets it): refresh whatever shows that run.
          const run = JSON.parse(event.data) as { id: string }
          void queryClient.invalidateQueries({ queryKey: ['execution-runs', run.id] })
          return
        }
        if (event.event === 'proctoring') {
          // A test in progress recorded something: the live monitor and that session's review refresh.
          void queryClient.invalidateQueries({ queryKey: ['proctoring'] })
          return
        }
        if (event.event !== 'notification') return
        const n = JSON.parse(event.data) as Notification
        void queryClient.invalidateQueries({ queryKey: ['notifications'] })
        if (n.priority === 'urgent' || n.priority === 'high') {
          toasts.show({
            id: n.id,
            title: n.title,
            message: n.message,
            color: n.priority === 'urgent' ? 'red' : 'indigo',
            autoClose: n.priority === 'urgent' ? false : 8000,
            onClick: () => {
              toasts.hide(n.id)
              onOpen(n)
            },
            style: { cursor: 'pointer' },
            // A named close button, and the message in the theme's readable grey rather than Mantine's lighter
            // default (axe: button-name, color-contrast).
            closeButtonProps: { 'aria-label': 'Dismiss' },
            styles: { description: { color: 'var(--mantine-color-gray-7)' } },
          })
        }
      },
      onerror(err) {
        if (controller.signal.aborted) throw err
        return 3000 // retry in 3 s
      },
    })
    return () => controller.abort()
  }, [enabled, queryClient, onOpen])
}
