import { MantineProvider, Select } from '@mantine/core'
import { act, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ListToolbar } from './ListToolbar'

describe('ListToolbar', () => {
  afterEach(() => vi.useRealTimers())

  it('searches once typing pauses, with the text trimmed', () => {
    vi.useFakeTimers()
    const onSearch = vi.fn()
    render(
      <MantineProvider>
        <ListToolbar
          searchLabel="Search users"
          searchPlaceholder="Search name or email"
          onSearch={onSearch}
        />
      </MantineProvider>,
    )
    const box = screen.getByRole('textbox', { name: 'Search users' })
    expect(box).toHaveAttribute('placeholder', 'Search name or email')
    fireEvent.change(box, { target: { value: 'ad' } })
    fireEvent.change(box, { target: { value: 'ada ' } })
    // What is typed shows at once; the search waits.
    expect(box).toHaveValue('ada ')
    expect(onSearch).not.toHaveBeenCalled()
    act(() => vi.advanceTimersByTime(300))
    expect(onSearch).toHaveBeenCalledTimes(1)
    expect(onSearch).toHaveBeenCalledWith('ada')
  })

  it('puts the page’s own filters before the segmented control', () => {
    const onSegment = vi.fn()
    render(
      <MantineProvider>
        <ListToolbar
          searchLabel="Search users"
          searchPlaceholder="Search"
          onSearch={() => {}}
          segments={{
            label: 'Filter by status',
            value: 'all',
            onChange: onSegment,
            data: [
              { label: 'All', value: 'all' },
              { label: 'Active', value: 'active' },
            ],
          }}
        >
          <Select aria-label="Filter by role" data={['admin']} />
        </ListToolbar>
      </MantineProvider>,
    )
    const role = screen.getByRole('combobox', { name: 'Filter by role' })
    const status = screen.getByRole('radiogroup', { name: 'Filter by status' })
    expect(role.compareDocumentPosition(status) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
    fireEvent.click(screen.getByRole('radio', { name: 'Active' }))
    expect(onSegment).toHaveBeenCalledWith('active')
  })
})
