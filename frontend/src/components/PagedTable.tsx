/**
 * The one paged table: PagedList (the card, filters, loading / error / empty states and the cursor pager) with its
 * items as a table described by columns, with sortable headers. `DataTable` is the table alone, for lists that
 * are part of another view.
 */
import { Table, VisuallyHidden, type MantineSpacing, type TableTdProps } from '@mantine/core'
import type { ReactNode } from 'react'
import { PagedList, type ListProps } from './PagedList'
import { SortableTh } from './SortableTh'

export interface Column<T> {
  /** The header text; with `hiddenHeader` only screen readers get it (columns of row actions). */
  header: string
  hiddenHeader?: boolean
  /** The API's sort field: the header then toggles ascending / descending. */
  sort?: string
  render: (row: T) => ReactNode
  /** Props of the body cells (`fw`, `maw`, `style` …), fixed or per row. */
  td?: TableTdProps | ((row: T) => TableTdProps)
}

export interface DataTableProps<T> {
  /** The table's accessible name. */
  label: string
  columns: Column<T>[]
  rows: T[]
  rowKey: (row: T) => string | number
  sort?: string
  onSort?: (sort: string) => void
  /** Makes rows open something: clickable and reachable with the keyboard (Enter), named by `rowLabel`. */
  onRowClick?: (row: T) => void
  rowLabel?: (row: T) => string
  minWidth?: number
  verticalSpacing?: MantineSpacing
  /** Rows of the previous page stay visible, dimmed, while the next one loads. */
  dimmed?: boolean
}

export function DataTable<T>({
  label,
  columns,
  rows,
  rowKey,
  sort,
  onSort,
  onRowClick,
  rowLabel,
  minWidth,
  verticalSpacing = 'sm',
  dimmed,
}: DataTableProps<T>) {
  const table = (
    <Table highlightOnHover verticalSpacing={verticalSpacing} aria-label={label}>
      <Table.Thead>
        <Table.Tr>
          {columns.map((c) =>
            c.sort && sort !== undefined && onSort ? (
              <SortableTh key={c.header} field={c.sort} sort={sort} onSort={onSort}>
                {c.header}
              </SortableTh>
            ) : (
              <Table.Th key={c.header}>
                {c.hiddenHeader ? <VisuallyHidden>{c.header}</VisuallyHidden> : c.header}
              </Table.Th>
            ),
          )}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody style={dimmed ? { opacity: 0.6 } : undefined}>
        {rows.map((row) => (
          <Table.Tr
            key={rowKey(row)}
            {...(onRowClick && {
              onClick: () => onRowClick(row),
              onKeyDown: (e: React.KeyboardEvent) => e.key === 'Enter' && onRowClick(row),
              tabIndex: 0,
              style: { cursor: 'pointer' },
              'aria-label': rowLabel?.(row),
            })}
          >
            {columns.map((c) => (
              <Table.Td key={c.header} {...(typeof c.td === 'function' ? c.td(row) : c.td)}>
                {c.render(row)}
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
  return minWidth ? <Table.ScrollContainer minWidth={minWidth}>{table}</Table.ScrollContainer> : table
}

export function PagedTable<T>({
  query,
  pager,
  pageSize,
  filters,
  empty,
  card,
  ...table
}: ListProps<T> & Omit<DataTableProps<T>, 'rows' | 'dimmed'>) {
  return (
    <PagedList query={query} pager={pager} pageSize={pageSize} filters={filters} empty={empty} card={card}>
      {(rows) => <DataTable {...table} rows={rows} dimmed={query.isPlaceholderData} />}
    </PagedList>
  )
}
