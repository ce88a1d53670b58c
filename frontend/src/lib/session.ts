/**
 * The access token lives in memory only (never localStorage); the refresh token is an httpOnly cookie the
 * page cannot read. `refresh()` is single-flight: concurrent 401s share one refresh request.
 */
type Listener = () => void

let accessToken: string | null = null
let inflight: Promise<boolean> | null = null
let refreshTimer: ReturnType<typeof setTimeout> | undefined
const expiredListeners = new Set<Listener>()

function schedule(expiresIn: number) {
  clearTimeout(refreshTimer)
  // Renew a minute before expiry so an idle tab never meets a 401.
  refreshTimer = setTimeout(() => void session.refresh(), Math.max(10, expiresIn - 60) * 1000)
}

export const session = {
  token: () => accessToken,

  set(token: string, expiresIn: number) {
    accessToken = token
    schedule(expiresIn)
  },

  clear() {
    accessToken = null
    clearTimeout(refreshTimer)
  },

  refresh(): Promise<boolean> {
    inflight ??= fetch('/api/v1/auth/refresh', { method: 'POST', credentials: 'include' })
      .then(async (r) => {
        if (!r.ok) return false
        const body = (await r.json()) as { access_token: string; expires_in: number }
        session.set(body.access_token, body.expires_in)
        return true
      })
      .catch(() => false)
      .finally(() => {
        inflight = null
      })
    return inflight
  },

  /** The session cannot be renewed: forget it and tell the app (which shows the login page). */
  expire() {
    session.clear()
    expiredListeners.forEach((l) => l())
  },

  onExpired(listener: Listener): () => void {
    expiredListeners.add(listener)
    return () => expiredListeners.delete(listener)
  },
}
