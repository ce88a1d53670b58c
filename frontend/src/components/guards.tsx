import { Center, Loader } from '@mantine/core'
import type { ReactNode } from 'react'
import { Navigate, Outlet, useLocation } from 'react-router'
import { useAuth } from '../lib/useAuth'
import { ForbiddenPage } from './ForbiddenPage'

export function RequireAuth() {
  const { status } = useAuth()
  const location = useLocation()
  if (status === 'loading')
    return (
      <Center h="100vh">
        <Loader aria-label="Loading InterviewFlow" />
      </Center>
    )
  if (status === 'anonymous') {
    const next = location.pathname + location.search
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />
  }
  return <Outlet />
}

/** The page for people holding `permission` (or any one of a list: results are for readers of candidates and for
 * the candidate's interviewers alike). */
export function RequirePermission({
  permission,
  children,
}: {
  permission: string | string[]
  children: ReactNode
}) {
  const { can } = useAuth()
  const any = typeof permission === 'string' ? [permission] : permission
  return any.some(can) ? <>{children}</> : <ForbiddenPage permission={any[0]} />
}
