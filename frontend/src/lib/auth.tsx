import { useQueryClient } from '@tanstack/react-query'
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react'
import { api } from '../api/client'
import { setViewerTimeZone } from './format'
import { unwrap } from './problem'
import { AuthContext, type AuthState, type Me, type Status } from './authContext'
import { session } from './session'

export function AuthProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<Status>('loading')
  const [me, setMe] = useState<Me | null>(null)
  const queryClient = useQueryClient()

  const loadMe = useCallback(async () => {
    const profile = unwrap(await api.GET('/api/v1/auth/me'))
    setViewerTimeZone(profile.time_zone)
    setMe(profile)
    setStatus('authenticated')
  }, [])

  useEffect(() => {
    // A reload keeps the user signed in: the refresh cookie buys a new access token silently.
    void session
      .refresh()
      .then((ok) => (ok ? loadMe().catch(() => setStatus('anonymous')) : setStatus('anonymous')))
    return session.onExpired(() => {
      setMe(null)
      setStatus('anonymous')
      queryClient.clear()
    })
  }, [loadMe, queryClient])

  const login = useCallback(
    async (email: string, password: string) => {
      const token = unwrap(await api.POST('/api/v1/auth/login', { body: { email, password } }))
      session.set(token.access_token, token.expires_in)
      await loadMe()
    },
    [loadMe],
  )

  const logout = useCallback(async () => {
    await api.POST('/api/v1/auth/logout').catch(() => undefined)
    session.clear()
    setMe(null)
    setStatus('anonymous')
    queryClient.clear()
  }, [queryClient])

  const value = useMemo<AuthState>(
    () => ({ status, me, login, logout, can: (p: string) => !!me?.permissions.includes(p) }),
    [status, me, login, logout],
  )
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>
}
