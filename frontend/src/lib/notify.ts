/**
 * The one way to tell the user how an action went, outside a form (a form shows its errors on its fields, see
 * lib/form.ts). `notifyError` works as a mutation's `onError` directly.
 */
import { notifications } from '@mantine/notifications'
import { errorMessage } from './problem'

export function notifyError(error: unknown, title?: unknown): void {
  notifications.show({
    color: 'red',
    // As a mutation's onError the second argument is the mutation's variables, not a title.
    title: typeof title === 'string' ? title : undefined,
    message: errorMessage(error),
  })
}

export function notifySuccess(message: string): void {
  notifications.show({ color: 'green', message })
}

export function notifyInfo(message: string): void {
  notifications.show({ message })
}
