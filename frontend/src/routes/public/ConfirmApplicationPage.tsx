import { Alert, Card, Loader, Stack, Title } from '@mantine/core'
import { useEffect, useRef } from 'react'
import { Link, useSearchParams } from 'react-router'
import { ApiError, errorMessage } from '../../lib/problem'
import { useConfirmApplication } from '../../queries/jobBoard'
import { PublicLayout } from './PublicLayout'

/** From the emailed link: an application made with the address of an existing account joins that account. */
export function ConfirmApplicationPage() {
  const [params] = useSearchParams()
  const confirm = useConfirmApplication()
  const sent = useRef(false)
  useEffect(() => {
    if (sent.current) return // the link is single use: confirm once, even under StrictMode's double effects
    sent.current = true
    confirm.mutate(params.get('token') ?? '')
  }, [params, confirm])
  const error = confirm.error
  const tokenError =
    error instanceof ApiError
      ? error.problem.errors?.find((e) => e.field.endsWith('token'))?.message
      : undefined
  return (
    <PublicLayout>
      <Card withBorder radius="md" p="xl" maw={460} mx="auto">
        <Stack>
          <Title order={1} size="h3">
            Confirm your application
          </Title>
          {confirm.isPending && <Loader size="sm" aria-label="Confirming" />}
          {confirm.isSuccess && (
            <Alert color="green" role="status">
              Thank you: the application is now in your account. <Link to="/login">Sign in</Link> to follow
              it.
            </Alert>
          )}
          {confirm.isError && (
            <Alert color="red" role="alert">
              {tokenError ?? errorMessage(error)}
            </Alert>
          )}
        </Stack>
      </Card>
    </PublicLayout>
  )
}
