import { Alert } from '@mantine/core'
import { IconAlertCircle } from '@tabler/icons-react'
import type { ReactNode } from 'react'
import { FORM_ERROR } from '../lib/form'

/** The message of a form that belongs to no single field (set by applyProblem), announced when it appears. */
export function FormError({ form, title }: { form: { errors: Record<string, ReactNode> }; title?: string }) {
  const message = form.errors[FORM_ERROR]
  if (!message) return null
  return (
    <Alert color="red" variant="light" icon={<IconAlertCircle />} role="alert" title={title}>
      {message}
    </Alert>
  )
}
