import { Group, SegmentedControl, TextInput } from '@mantine/core'
import { useDebouncedCallback } from '@mantine/hooks'
import type { ReactNode } from 'react'
import { useState } from 'react'
import { IconSearch } from '@tabler/icons-react'

// Long enough that a list is not fetched again on every keystroke, short enough to feel immediate.
const SEARCH_DELAY_MS = 300

/** The segmented control that ends the bar: which slice of the list to show (status, archived). */
export interface ToolbarSegments {
  /** Its accessible name ("Filter by status"). */
  label: string
  value: string
  onChange: (value: string) => void
  data: { label: string; value: string }[]
}

/** The filter bar above a list page's table (users, assessments, question banks): a search box, then the page's
 * own filters (`children`, such as a select), then a segmented control, wrapping on narrow screens. Passed to
 * `PagedTable`'s `filters`.
 *
 * The box keeps what is typed; `onSearch` gets it trimmed once typing pauses, so the page queries the API with
 * it (and its pager starts again) once per search rather than once per keystroke. */
export function ListToolbar({
  searchLabel,
  searchPlaceholder,
  searchWidth = 280,
  onSearch,
  segments,
  children,
}: {
  /** The search box's accessible name ("Search users"): it has no visible label. */
  searchLabel: string
  searchPlaceholder: string
  searchWidth?: number
  onSearch: (q: string) => void
  segments?: ToolbarSegments
  children?: ReactNode
}) {
  const [text, setText] = useState('')
  const search = useDebouncedCallback((value: string) => onSearch(value.trim()), SEARCH_DELAY_MS)
  return (
    <Group gap="sm" wrap="wrap">
      <TextInput
        placeholder={searchPlaceholder}
        aria-label={searchLabel}
        leftSection={<IconSearch size={16} />}
        value={text}
        onChange={(e) => {
          setText(e.currentTarget.value)
          search(e.currentTarget.value)
        }}
        w={searchWidth}
      />
      {children}
      {segments && (
        <SegmentedControl
          aria-label={segments.label}
          value={segments.value}
          onChange={segments.onChange}
          data={segments.data}
        />
      )}
    </Group>
  )
}
