import { Alert, Card, Loader, Stack, Title } from '@mantine/core'
import { useEffect, useRef, useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import { ApiError, errorMessage, fieldErrors } from '../../lib/problem'
import { confirmApplication } from '../../queries/jobBoard'
import { PublicLayout } from './PublicLayout'

/** From the emailed link: an application made with the address of an existing account joins that account. */
export function ConfirmApplicationPage() {
  const [params] = useSearchParams()
  const [state, setState] = useState<{ ok: boolean; message?: string } | null>(null)
  const sent = useRef(false)
  useEffect(() => {
    if (sent.current) return // the link is single use: confirm once, even under StrictMode's double effects
    sent.current = true
    confirmApplication(params.get('token') ?? '')
      .then(() => setState({ ok: true }))
      .catch((err) => {
        const f = err instanceof ApiError ? fieldErrors(err.problem) : {}
        setState({ ok: false, message: f.token ?? errorMessage(err) })
      })
  }, [params])
  return (
    <PublicLayout>
      <Card withBorder radius="md" p="xl" maw={460} mx="auto">
        <Stack>
          <Title order={1} size="h3">
            Confirm your application
          </Title>
          {state === null && <Loader size="sm" aria-label="Confirming" />}
          {state?.ok && (
            <Alert color="green" role="status">
              Thank you: the application is now in your account. <Link to="/login">Sign in</Link> to follow
              it.
            </Alert>
          )}
          {state && !state.ok && (
            <Alert color="red" role="alert">
              {state.message}
            </Alert>
          )}
        </Stack>
      </Card>
    </PublicLayout>
  )
}
