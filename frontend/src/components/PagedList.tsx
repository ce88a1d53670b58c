/**
 * The one list view: a card with an optional filters row, the loading / error / empty states, the items, and the
 * cursor pager. The items' markup is the page's (a feed, cards …); `PagedTable` (PagedTable.tsx) shows them as a
 * table. Both take the TanStack query of a list endpoint as it is: a page (`{items, next_cursor, total}`) or a
 * plain array (lists the API does not page).
 */
import { Box, Card } from '@mantine/core'
import type { ReactNode } from 'react'
import type { CursorStack } from '../lib/useCursorStack'
import { CursorPager } from './CursorPager'
import { QueryView } from './QueryView'

export interface PageOf<T> {
  items: T[]
  next_cursor?: string | null
  /** May be absent or null: the API does not count every list on every page. */
  total?: number | null
}

/** What the list views read of a TanStack query. */
export interface ListQuery<T> {
  data?: PageOf<T> | T[]
  isError: boolean
  error: unknown
  isLoading: boolean
  isPlaceholderData?: boolean
  refetch: () => unknown
}

export interface ListProps<T> {
  query: ListQuery<T>
  /** The cursor stack of a paged endpoint; without it the list is one page. */
  pager?: CursorStack
  pageSize?: number
  /** Search fields, selects, segmented controls … shown above the rows. */
  filters?: ReactNode
  /** What an empty list says (an EmptyState). */
  empty: ReactNode
  /** Inside a bordered card (the default) or bare, for lists that sit in a card of their own. */
  card?: boolean
}

const itemsOf = <T,>(data: PageOf<T> | T[] | undefined): T[] =>
  Array.isArray(data) ? data : (data?.items ?? [])

export function PagedList<T>({
  query,
  pager,
  pageSize = 25,
  filters,
  empty,
  card = true,
  children,
}: ListProps<T> & { children: (items: T[]) => ReactNode }) {
  const items = itemsOf(query.data)
  const page = Array.isArray(query.data) ? undefined : query.data
  const body = (
    <>
      {filters && <Box mb="md">{filters}</Box>}
      <QueryView query={query} isEmpty={items.length === 0} empty={empty}>
        {children(items)}
      </QueryView>
      {/* One page with nothing before or after it needs no pager. */}
      {pager && (pager.page > 1 || page?.next_cursor) && (
        <CursorPager
          page={pager.page}
          nextCursor={page?.next_cursor}
          onNext={pager.next}
          onPrevious={pager.previous}
          total={page?.total}
          shown={items.length}
          pageSize={pageSize}
        />
      )}
    </>
  )
  return card ? (
    <Card withBorder radius="md">
      {body}
    </Card>
  ) : (
    body
  )
}
