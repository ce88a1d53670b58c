/**
 * The test player's own API client. A candidate has no staff account: they hold a **player token** for one
 * invitation (from the link, the access code, or the portal), kept in sessionStorage so a reload keeps them in
 * the test (a closed tab signs in again with the link). The staff client's session and redirects are not used.
 *
 * Every answer with `server_time` feeds the clock (see clock.ts): the timer shows the server's deadline.
 */
import createClient from 'openapi-fetch'
import type { components, paths } from '../../api/schema'
import { ApiError, unwrap } from '../../lib/problem'
import { ServerClock } from './clock'
import type { Revision, SendOutcome } from './saveQueue'

export type S = components['schemas']
export type Overview = S['PlayerOverview']
export type SessionState = S['PlayerSessionState']
export type PlayerQuestion = S['PlayerQuestion']
export type PlayerRun = S['PlayerRun']
export type SignedIn = S['PlayerSignedIn']

const KEY = 'interviewflow.player'
const PLAYER = '/api/v1/player'

interface Held {
  token: string
  expiresAt: string
}

const listeners = new Set<() => void>()
let held: Held | null = read()
let refreshTimer: ReturnType<typeof setTimeout> | null = null

function read(): Held | null {
  try {
    const raw = sessionStorage.getItem(KEY)
    const h = raw ? (JSON.parse(raw) as Held) : null
    return h && Date.parse(h.expiresAt) > Date.now() ? h : null
  } catch {
    return null
  }
}

/** The player token: who is taking which test. */
export const playerToken = {
  get: (): string | null => held?.token ?? null,
  set(token: string, expiresAt: string) {
    held = { token, expiresAt }
    try {
      sessionStorage.setItem(KEY, JSON.stringify(held))
    } catch {
      // Storage forbidden: the token lives in memory for this page.
    }
    scheduleRefresh()
    listeners.forEach((l) => l())
  },
  clear() {
    held = null
    try {
      sessionStorage.removeItem(KEY)
    } catch {
      // nothing to do
    }
    listeners.forEach((l) => l())
  },
  subscribe(l: () => void) {
    listeners.add(l)
    return () => listeners.delete(l)
  },
}

/** Before a test starts a token lasts 30 minutes: renew it a minute before, so a candidate reading the rules
 * for a long time is not signed out. During the test it lasts until the deadline. */
function scheduleRefresh() {
  if (refreshTimer) clearTimeout(refreshTimer)
  if (!held) return
  const inMs = Date.parse(held.expiresAt) - Date.now() - 60_000
  if (inMs > 0 && inMs < 2 ** 31 - 1) refreshTimer = setTimeout(() => void refresh(), inMs)
}

let refreshing: Promise<boolean> | null = null

async function refresh(): Promise<boolean> {
  const token = playerToken.get()
  if (!token) return false
  refreshing ??= fetch(`${PLAYER}/refresh`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } })
    .then(async (r) => {
      if (!r.ok) return false
      const body = (await r.json()) as S['PlayerToken']
      playerToken.set(body.player_token, body.expires_at)
      return true
    })
    .catch(() => false)
    .finally(() => (refreshing = null))
  return refreshing
}

async function playerFetch(request: Request): Promise<Response> {
  const retry = request.clone()
  const response = await fetch(withToken(request))
  if (response.status !== 401 || request.url.endsWith('/sign-in') || !playerToken.get()) return response
  // An expired token (a long pause on the rules screen, a laptop that slept): renew once, else sign in again.
  if (await refresh()) return fetch(withToken(retry))
  playerToken.clear()
  return response
}

function withToken(request: Request): Request {
  const token = playerToken.get()
  if (!token) return request
  const headers = new Headers(request.headers)
  headers.set('Authorization', `Bearer ${token}`)
  return new Request(request, { headers })
}

export const player = createClient<paths>({ baseUrl: '', fetch: playerFetch })

/** The server's clock, as seen from this browser. */
export const clock = new ServerClock()

type Result<T> = { data?: T; error?: unknown; response: Response }

/** Unwrap a call and learn the server's time from it. */
export async function timed<T>(call: () => Promise<Result<T>>): Promise<T> {
  const sentAt = Date.now()
  const result = await call()
  const receivedAt = Date.now()
  const data = unwrap(result)
  const body = data as { server_time?: string; overview?: { server_time?: string } }
  const serverTime = body?.server_time ?? body?.overview?.server_time
  if (serverTime) clock.observe({ serverTime, sentAt, receivedAt })
  return data
}

export const api = {
  signIn: (body: S['SignIn']) => timed(() => player.POST('/api/v1/player/sign-in', { body })),
  overview: () => timed(() => player.GET('/api/v1/player/me')),
  start: (body: { camera_ready: boolean }) => timed(() => player.POST('/api/v1/player/start', { body })),
  state: () => timed(() => player.GET('/api/v1/player/session')),
  question: (position: number) =>
    timed(() =>
      player.GET('/api/v1/player/session/questions/{position}', { params: { path: { position } } }),
    ),
  navigate: (position: number) =>
    timed(() => player.POST('/api/v1/player/session/navigate', { body: { position } })),
  run: (position: number, body: S['RunVisible']) =>
    timed(() =>
      player.POST('/api/v1/player/session/questions/{position}/runs', {
        params: { path: { position } },
        body,
      }),
    ),
  runResult: (runId: string) =>
    timed(() => player.GET('/api/v1/player/session/runs/{run_id}', { params: { path: { run_id: runId } } })),
  submit: () => timed(() => player.POST('/api/v1/player/session/submit')),
}

/** Keep a fresh sign-in (link, code or portal). */
export function holdSignIn(signedIn: SignedIn) {
  playerToken.set(signedIn.player_token, signedIn.expires_at)
}

/** The autosave queue's transport: one PUT, its HTTP answer mapped onto what the queue does next. */
export async function sendRevision(r: Revision): Promise<SendOutcome> {
  try {
    const saved = await timed(() =>
      player.PUT('/api/v1/player/session/answers/{position}', {
        params: { path: { position: r.position } },
        body: { revision: r.revision, answer: r.answer, flagged: r.flagged },
      }),
    )
    return { kind: 'saved', revision: saved.revision, applied: saved.applied }
  } catch (error) {
    if (!(error instanceof ApiError)) return { kind: 'offline' }
    const type = error.problem.type ?? ''
    if (error.status === 409 && type.endsWith('/test-closed'))
      return { kind: 'closed', detail: error.message }
    // A timed section ran out while the test goes on: this answer stays as it was, the others still save.
    if (error.status === 409 && type.endsWith('/section-closed'))
      return { kind: 'rejected', detail: error.message }
    // Too many saves, or the server too busy (503): come back when it says.
    if (error.status === 429 || error.status === 503)
      return { kind: 'retry', afterMs: (error.retryAfter ?? 5) * 1000 }
    if (error.status === 401)
      return { kind: 'closed', detail: 'You were signed out of the test. Sign in again.' }
    if (error.status >= 500 || error.status === 409) return { kind: 'retry' }
    return { kind: 'rejected', detail: error.message }
  }
}

/** Whether a failure is the network rather than the server saying no. */
export const isNetworkError = (error: unknown) => !(error instanceof ApiError)
