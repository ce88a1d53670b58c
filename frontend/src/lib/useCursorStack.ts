import { useCallback, useState } from 'react'

interface State {
  key: string
  stack: (string | undefined)[]
}

/** The cursors walked so far under the current filters: none once the filters have changed. */
const stackOf = (state: State, key: string) => (state.key === key ? state.stack : [undefined])

/**
 * Keyset pagination: the API hands out `next_cursor`; going back pops the cursors we came through. Pass the
 * list's filters as `resetKey`: when they change, the pager is back on page 1 in the same render (the query
 * never asks for an old cursor with new filters).
 */
export function useCursorStack(resetKey: string = '') {
  const [state, setState] = useState<State>({ key: resetKey, stack: [undefined] })
  const stack = stackOf(state, resetKey)
  const next = useCallback(
    (cursor: string) => setState((s) => ({ key: resetKey, stack: [...stackOf(s, resetKey), cursor] })),
    [resetKey],
  )
  const previous = useCallback(
    () =>
      setState((s) => {
        const walked = stackOf(s, resetKey)
        return { key: resetKey, stack: walked.length > 1 ? walked.slice(0, -1) : walked }
      }),
    [resetKey],
  )
  const reset = useCallback(() => setState({ key: resetKey, stack: [undefined] }), [resetKey])
  return { cursor: stack[stack.length - 1], page: stack.length, next, previous, reset }
}

export type CursorStack = ReturnType<typeof useCursorStack>
