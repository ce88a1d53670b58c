import { MantineProvider } from '@mantine/core'
import { act, fireEvent, render, renderHook, screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { useCursorStack } from '../lib/useCursorStack'
import { CursorPager } from './CursorPager'

describe('useCursorStack', () => {
  it('walks forward through cursors and back again', () => {
    const { result } = renderHook(() => useCursorStack())
    expect(result.current.cursor).toBeUndefined()
    act(() => result.current.next('c1'))
    act(() => result.current.next('c2'))
    expect([result.current.cursor, result.current.page]).toEqual(['c2', 3])
    act(() => result.current.previous())
    expect(result.current.cursor).toBe('c1')
    act(() => result.current.reset())
    expect(result.current.page).toBe(1)
  })
})

describe('CursorPager', () => {
  it('shows the range and disables what cannot be done', () => {
    const onNext = vi.fn()
    render(
      <MantineProvider>
        <CursorPager
          page={2}
          nextCursor="abc"
          onNext={onNext}
          onPrevious={() => {}}
          total={45}
          shown={20}
          pageSize={20}
        />
      </MantineProvider>,
    )
    expect(screen.getByText('21–40 of 45')).toBeInTheDocument()
    fireEvent.click(screen.getByRole('button', { name: /next/i }))
    expect(onNext).toHaveBeenCalledWith('abc')
    expect(screen.getByRole('button', { name: /previous/i })).toBeEnabled()
  })
})
