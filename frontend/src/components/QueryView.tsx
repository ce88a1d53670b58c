import type { ReactNode } from 'react'
import { ErrorState, LoadingRows } from './states'

/** The three states every data view has before its content: failed (with retry), loading, and empty. */
export function QueryView({
  query,
  isEmpty,
  empty,
  children,
}: {
  query: { isError: boolean; error: unknown; isLoading: boolean; refetch: () => unknown }
  isEmpty: boolean
  empty: ReactNode
  children: ReactNode
}) {
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />
  if (query.isLoading) return <LoadingRows />
  return <>{isEmpty ? empty : children}</>
}
