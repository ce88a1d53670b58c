import { useAuth } from '../../lib/useAuth'
import type { Difficulty } from '../../queries/questions'

/** Whether the signed-in person may author questions (the server checks again on every write). */
export function useCanWrite(): boolean {
  const { me } = useAuth()
  return !!me?.permissions.includes('questions:write')
}

export const DIFFICULTY_COLORS: Record<Difficulty, string> = { easy: 'green', medium: 'yellow', hard: 'red' }
