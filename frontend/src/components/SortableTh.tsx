import { Table, UnstyledButton, Group, Text } from '@mantine/core'
import { IconChevronDown, IconChevronUp, IconSelector } from '@tabler/icons-react'

/** A column header that toggles `sort` between `field` and `-field`, announced through aria-sort. */
export function SortableTh({
  field,
  sort,
  onSort,
  children,
}: {
  field: string
  sort: string
  onSort: (sort: string) => void
  children: string
}) {
  const active = sort.replace(/^-/, '') === field
  const descending = sort.startsWith('-')
  const Icon = !active ? IconSelector : descending ? IconChevronDown : IconChevronUp
  return (
    <Table.Th aria-sort={active ? (descending ? 'descending' : 'ascending') : 'none'}>
      <UnstyledButton
        onClick={() => onSort(active && !descending ? `-${field}` : field)}
        aria-label={`Sort by ${children}`}
      >
        <Group gap={4} wrap="nowrap">
          <Text fw={600} size="sm">
            {children}
          </Text>
          <Icon size={14} />
        </Group>
      </UnstyledButton>
    </Table.Th>
  )
}
