import { MantineProvider } from '@mantine/core'
import { fireEvent, render, renderHook, screen, act } from '@testing-library/react'
import type { ReactNode } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { useCursorStack } from '../lib/useCursorStack'
import { ApiError } from '../lib/problem'
import type { ListQuery } from './PagedList'
import { PagedTable, type Column } from './PagedTable'

interface Row {
  id: string
  name: string
}

const COLUMNS: Column<Row>[] = [
  { header: 'Name', sort: 'name', render: (r) => r.name },
  { header: 'Actions', hiddenHeader: true, render: (r) => <button>Edit {r.name}</button> },
]

const query = (over: Partial<ListQuery<Row>>): ListQuery<Row> => ({
  isError: false,
  error: null,
  isLoading: false,
  refetch: vi.fn(),
  ...over,
})

const wrap = (ui: ReactNode) => render(<MantineProvider>{ui}</MantineProvider>)

function Table(props: Partial<Parameters<typeof PagedTable<Row>>[0]> & { query: ListQuery<Row> }) {
  const pager = useCursorStack()
  return (
    <PagedTable<Row>
      label="People"
      columns={COLUMNS}
      rowKey={(r) => r.id}
      pager={pager}
      pageSize={2}
      empty={<p>Nobody yet</p>}
      {...props}
    />
  )
}

describe('PagedTable', () => {
  it('shows the rows of a page with a labelled table, named action column and pager', () => {
    const data = {
      items: [
        { id: '1', name: 'Ada' },
        { id: '2', name: 'Grace' },
      ],
      next_cursor: 'c2',
      total: 3,
    }
    wrap(<Table query={query({ data })} />)
    expect(screen.getByRole('table', { name: 'People' })).toBeInTheDocument()
    expect(screen.getByRole('cell', { name: 'Ada' })).toBeInTheDocument()
    // The actions column has a header for screen readers, not an empty one.
    expect(screen.getByRole('columnheader', { name: 'Actions' })).toBeInTheDocument()
    expect(screen.getByText('1–2 of 3')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: /next/i })).toBeEnabled()
  })

  it('copes with a list whose total is not counted', () => {
    const data = { items: [{ id: '1', name: 'Ada' }], next_cursor: 'c2', total: null }
    wrap(<Table query={query({ data })} />)
    expect(screen.getByText('1–1')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: /next/i })).toBeEnabled()
  })

  it('shows no pager for a list that fits on one page', () => {
    wrap(
      <Table query={query({ data: { items: [{ id: '1', name: 'Ada' }], next_cursor: null, total: 1 } })} />,
    )
    expect(screen.queryByRole('button', { name: /next/i })).toBeNull()
  })

  it('shows a plain array without a pager', () => {
    wrap(<Table query={query({ data: [{ id: '1', name: 'Ada' }] })} pager={undefined} />)
    expect(screen.getByRole('cell', { name: 'Ada' })).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: /next/i })).toBeNull()
  })

  it('has loading, error (with retry) and empty states', () => {
    const { unmount } = wrap(<Table query={query({ isLoading: true })} />)
    expect(screen.getByLabelText('Loading')).toHaveAttribute('aria-busy', 'true')
    unmount()

    const failed = query({ isError: true, error: new ApiError({ detail: 'Forbidden here' }, 403) })
    const second = wrap(<Table query={failed} />)
    expect(screen.getByRole('alert')).toHaveTextContent('Forbidden here')
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }))
    expect(failed.refetch).toHaveBeenCalled()
    second.unmount()

    wrap(<Table query={query({ data: { items: [], next_cursor: null } })} />)
    expect(screen.getByText('Nobody yet')).toBeInTheDocument()
  })

  it('sorts by a header, then the other way, announcing the order', () => {
    const onSort = vi.fn()
    const data = { items: [{ id: '1', name: 'Ada' }] }
    const { rerender } = wrap(<Table query={query({ data })} sort="-created_at" onSort={onSort} />)
    fireEvent.click(screen.getByRole('button', { name: 'Sort by Name' }))
    expect(onSort).toHaveBeenLastCalledWith('name')
    rerender(
      <MantineProvider>
        <Table query={query({ data })} sort="name" onSort={onSort} />
      </MantineProvider>,
    )
    expect(screen.getByRole('columnheader', { name: /Name/ })).toHaveAttribute('aria-sort', 'ascending')
    fireEvent.click(screen.getByRole('button', { name: 'Sort by Name' }))
    expect(onSort).toHaveBeenLastCalledWith('-name')
  })

  it('opens a row by click or Enter', () => {
    const open = vi.fn()
    wrap(
      <Table
        query={query({ data: [{ id: '1', name: 'Ada' }] })}
        onRowClick={open}
        rowLabel={(r) => r.name}
      />,
    )
    const row = screen.getByRole('row', { name: 'Ada' })
    fireEvent.click(row)
    fireEvent.keyDown(row, { key: 'Enter' })
    expect(open).toHaveBeenCalledTimes(2)
  })
})

describe('useCursorStack with a reset key', () => {
  it('goes back to the first page when the filters change', () => {
    const { result, rerender } = renderHook(({ key }) => useCursorStack(key), { initialProps: { key: 'a' } })
    act(() => result.current.next('c1'))
    expect([result.current.cursor, result.current.page]).toEqual(['c1', 2])
    rerender({ key: 'b' })
    expect([result.current.cursor, result.current.page]).toEqual([undefined, 1])
    act(() => result.current.next('c9'))
    expect(result.current.cursor).toBe('c9')
  })
})
