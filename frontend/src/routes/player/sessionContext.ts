/**
 * The running test's session, shared by every screen of the test through context (see PlayerSession.tsx).
 */
import { createContext, useCallback, useContext, useSyncExternalStore } from 'react'
import type { Overview, PlayerQuestion, SessionState } from './playerApi'
import type { Answer, QueueState, SaveQueue } from './saveQueue'

export interface Draft {
  answer: Answer | null
  flagged: boolean
  revision: number
}

export interface PlayerSessionValue {
  overview: Overview
  state: SessionState
  sessionId: string
  /** For extensions (proctoring) that talk to the player API themselves. */
  token: () => string | null
  queue: SaveQueue
  /** The candidate's version of a question: a draft typed here, else one stored before a reload, else the
   * server's. */
  draft: (position: number, question?: PlayerQuestion) => Draft | undefined
  setAnswer: (position: number, answer: Answer | null, immediate?: boolean) => void
  setFlag: (position: number, flagged: boolean) => void
  answered: (position: number) => boolean
  flagged: (position: number) => boolean
  /** The test ended while on screen (the deadline, a submit from another tab): the reason, from the server. */
  closedReason: string | null
  refreshState: () => Promise<SessionState | undefined>
}

export const SessionContext = createContext<PlayerSessionValue | null>(null)

export function usePlayerSession(): PlayerSessionValue {
  const value = useContext(SessionContext)
  if (!value) throw new Error('usePlayerSession outside <PlayerSession>')
  return value
}

export function useQueueState(queue: SaveQueue): QueueState {
  return useSyncExternalStore(
    useCallback((l) => queue.subscribe(l), [queue]),
    () => queue.getState(),
  )
}

export function isAnswered(answer: Answer | null | undefined): boolean {
  if (!answer) return false
  if (answer.type === 'choice') return answer.choice_ids.length > 0
  if (answer.type === 'text') return answer.text.trim().length > 0
  return Object.values(answer.sources).some((s) => s.trim().length > 0)
}

export const stateKey = ['player', 'session'] as const
export const questionKey = (position: number) => ['player', 'question', position] as const
