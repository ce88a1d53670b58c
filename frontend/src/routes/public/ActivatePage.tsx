import { Alert, Button, Card, PasswordInput, Stack, Text, Title } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { Link, useSearchParams } from 'react-router'
import { ApiError, errorMessage, fieldErrors } from '../../lib/problem'
import { passwordProblem } from '../../lib/users'
import { activateAccount } from '../../queries/jobBoard'
import { PublicLayout } from './PublicLayout'

export function ActivatePage() {
  const [params] = useSearchParams()
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [done, setDone] = useState(false)
  const [busy, setBusy] = useState(false)
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const problem = passwordProblem(password)
    if (problem) return setError(problem)
    setBusy(true)
    try {
      await activateAccount(params.get('token') ?? '', password)
      setDone(true)
    } catch (err) {
      const f = err instanceof ApiError ? fieldErrors(err.problem) : {}
      setError(f.password ?? f.token ?? errorMessage(err))
    } finally {
      setBusy(false)
    }
  }
  return (
    <PublicLayout>
      <Card withBorder radius="md" p="xl" maw={460} mx="auto" component="form" onSubmit={submit} noValidate>
        <Stack>
          <Title order={1} size="h3">
            Create your password
          </Title>
          {done ? (
            <Alert color="green" role="status">
              Your account is ready. <Link to="/login">Sign in</Link> to follow your applications.
            </Alert>
          ) : (
            <>
              <Text size="sm" c="dimmed">
                You will use your email and this password to follow your applications.
              </Text>
              <PasswordInput
                label="Password"
                description="At least 10 characters, with a letter and a digit."
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                error={error}
                required
                autoComplete="new-password"
              />
              <Button type="submit" loading={busy}>
                Create password
              </Button>
            </>
          )}
        </Stack>
      </Card>
    </PublicLayout>
  )
}
