import { useCallback, useState } from 'react'

/** Keyset pagination: the API hands out `next_cursor`; going back pops the cursors we came through. */
export function useCursorStack() {
  const [stack, setStack] = useState<(string | undefined)[]>([undefined])
  const cursor = stack[stack.length - 1]
  const next = useCallback((c: string) => setStack((s) => [...s, c]), [])
  const previous = useCallback(() => setStack((s) => (s.length > 1 ? s.slice(0, -1) : s)), [])
  const reset = useCallback(() => setStack([undefined]), [])
  return { cursor, page: stack.length, next, previous, reset }
}
