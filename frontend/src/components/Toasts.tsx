import { lazy, Suspense } from 'react'

// The toasts' container is not needed to show a page: it loads right after the first one. Until then a toast
// (lib/notify.ts) waits in the notifications store and appears once the container is there.
const Notifications = lazy(() => import('@mantine/notifications').then((m) => ({ default: m.Notifications })))

export function Toasts() {
  return (
    <Suspense fallback={null}>
      <Notifications position="bottom-right" />
    </Suspense>
  )
}
