/**
 * The running test's shell: one place that owns the session (its state from the server, the clock, the autosave
 * queue and the candidate's drafts) and hands it to every screen through context (`usePlayerSession()`).
 *
 * Proctoring (a later feature) mounts here too: a component rendered inside `PlayerSession` reads
 * `usePlayerSession()` for the session id, the player token and the proctoring settings, and posts its events;
 * nothing else in the player needs to change.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react'
import {
  api,
  playerToken,
  sendRevision,
  type Overview,
  type PlayerQuestion,
  type SessionState,
} from './playerApi'
import { Proctoring } from './proctoring'
import { localRevisionStore, nextRevision, SaveQueue, type Answer } from './saveQueue'
import {
  isAnswered,
  questionKey,
  SessionContext,
  stateKey,
  type Draft,
  type PlayerSessionValue,
} from './sessionContext'

export function PlayerSession({
  overview,
  initial,
  children,
}: {
  overview: Overview
  initial: SessionState
  children: ReactNode
}) {
  const queryClient = useQueryClient()
  const stateQuery = useQuery({
    queryKey: stateKey,
    queryFn: api.state,
    initialData: initial,
    staleTime: 60_000,
    // Another device may have answered or submitted: look again when the candidate comes back to this tab.
    refetchOnWindowFocus: true,
  })
  const state = stateQuery.data
  const [closedReason, setClosedReason] = useState<string | null>(null)
  // The candidate's latest version of each question, ahead of the server's until saved.
  const [drafts] = useState(() => new Map<number, Draft>())
  const [version, setVersion] = useState(0)
  const bump = () => setVersion((v) => v + 1)

  const queue = useMemo(
    () =>
      new SaveQueue(sendRevision, localRevisionStore(state.session_id), {
        onSuperseded: (position) => {
          // Another tab or device holds a newer answer: show theirs rather than keep typing over a stale copy.
          drafts.delete(position)
          void queryClient.invalidateQueries({ queryKey: questionKey(position) })
          bump()
        },
        onClosed: (detail) => setClosedReason(detail),
      }),
    // One queue per session.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [state.session_id],
  )
  useEffect(() => () => queue.dispose(), [queue])

  // The connection comes and goes: the browser tells us, and the queue sends what waits.
  useEffect(() => {
    const on = () => queue.online()
    const off = () => queue.offline()
    window.addEventListener('online', on)
    window.addEventListener('offline', off)
    if (!navigator.onLine) off()
    else if (queue.getState().pending.length) void queue.flush()
    // Last chance before the tab closes: send what is waiting (it stays in storage anyway).
    const hide = () => {
      if (document.visibilityState === 'hidden') void queue.flush()
    }
    document.addEventListener('visibilitychange', hide)
    return () => {
      window.removeEventListener('online', on)
      window.removeEventListener('offline', off)
      document.removeEventListener('visibilitychange', hide)
    }
  }, [queue])

  // Questions load in the background once the test starts, so moving between them works offline too.
  useEffect(() => {
    let cancelled = false
    void (async () => {
      for (const item of initial.items) {
        if (cancelled) return
        await queryClient
          .prefetchQuery({ queryKey: questionKey(item.position), queryFn: () => api.question(item.position) })
          .catch(() => undefined)
      }
    })()
    return () => {
      cancelled = true
    }
  }, [initial.items, queryClient])

  const draft = useCallback(
    (position: number, question?: PlayerQuestion): Draft | undefined => {
      const mine = drafts.get(position)
      if (mine) return mine
      const stored = queue.stored(position)
      const server = question ?? queryClient.getQueryData<PlayerQuestion>(questionKey(position))
      if (stored && (!server || stored.revision > server.revision))
        return { answer: stored.answer, flagged: stored.flagged, revision: stored.revision }
      if (server)
        return { answer: server.answer as Answer | null, flagged: server.flagged, revision: server.revision }
      return undefined
    },
    [queue, queryClient, drafts],
  )

  const write = useCallback(
    (position: number, patch: Partial<Draft>, immediate: boolean) => {
      const item = state.items.find((i) => i.position === position)
      const current = draft(position) ?? {
        answer: null,
        flagged: item?.flagged ?? false,
        revision: item?.revision ?? 0,
      }
      const revision = nextRevision(current.revision, item?.revision, queue.stored(position)?.revision)
      const next: Draft = { ...current, ...patch, revision }
      drafts.set(position, next)
      queue.change({ position, revision, answer: next.answer, flagged: next.flagged }, immediate)
      bump()
    },
    [draft, queue, state.items, drafts],
  )

  const value = useMemo<PlayerSessionValue>(
    () => ({
      overview,
      state,
      sessionId: state.session_id,
      token: playerToken.get,
      queue,
      draft,
      setAnswer: (position, answer, immediate = false) => write(position, { answer }, immediate),
      setFlag: (position, flagged) => write(position, { flagged }, true),
      answered: (position) => {
        const d = draft(position)
        return d ? isAnswered(d.answer) : !state.unanswered.includes(position)
      },
      flagged: (position) =>
        draft(position)?.flagged ?? !!state.items.find((i) => i.position === position)?.flagged,
      closedReason,
      refreshState: async () => {
        await queryClient.invalidateQueries({ queryKey: stateKey })
        return queryClient.getQueryData<SessionState>(stateKey)
      },
    }),
    // A draft changed (bump): `version` gives the screens a new value, whose closures read the drafts' ref.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [overview, state, queue, draft, write, closedReason, queryClient, version],
  )
  return (
    <SessionContext.Provider value={value}>
      {children}
      <Proctoring
        sessionId={state.session_id}
        token={playerToken.get}
        settings={overview.proctoring}
        status={state.status}
      />
    </SessionContext.Provider>
  )
}
