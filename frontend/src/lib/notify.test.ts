import { notifications } from '@mantine/notifications'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { notifyError, notifySuccess } from './notify'
import { ApiError } from './problem'

describe('notifyError', () => {
  afterEach(() => vi.restoreAllMocks())

  it("shows the problem's detail in red, with an optional title", () => {
    const show = vi.spyOn(notifications, 'show').mockReturnValue('id')
    notifyError(
      new ApiError({ detail: 'The requisition is closed: its pipeline is frozen.' }, 409),
      'Move refused',
    )
    expect(show).toHaveBeenCalledWith({
      color: 'red',
      title: 'Move refused',
      message: 'The requisition is closed: its pipeline is frozen.',
    })
  })

  it("works as a mutation's onError, whose second argument is the variables, not a title", () => {
    const show = vi.spyOn(notifications, 'show').mockReturnValue('id')
    notifyError(new Error('Network down'), { id: 'abc' })
    expect(show).toHaveBeenCalledWith({ color: 'red', title: undefined, message: 'Network down' })
  })

  it('says something for errors without a message', () => {
    const show = vi.spyOn(notifications, 'show').mockReturnValue('id')
    notifyError('weird')
    expect(show.mock.calls[0][0].message).toBe('Something went wrong.')
  })
})

describe('notifySuccess', () => {
  it('shows the message in green', () => {
    const show = vi.spyOn(notifications, 'show').mockReturnValue('id')
    notifySuccess('Saved')
    expect(show).toHaveBeenCalledWith({ color: 'green', message: 'Saved' })
  })
})
