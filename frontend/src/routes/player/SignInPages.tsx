import { Alert, Anchor, Button, Center, Loader, Paper, Stack, Text, TextInput, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useEffect, useRef, useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { ApiError } from '../../lib/problem'
import { PlayerFrame } from './PlayerFrame'
import { api, holdSignIn } from './playerApi'
import { preloadPlayer } from './preload'

export const PLAYER_PATH = '/test'

/** A sign-in failure in words a candidate can act on. */
function explain(error: unknown, how: 'link' | 'code'): { title: string; text: string } {
  if (!(error instanceof ApiError))
    return {
      title: 'No connection',
      text: 'We could not reach the test server. Check your connection and try again.',
    }
  const type = error.problem.type ?? ''
  if (error.status === 410 || type.endsWith('/link-gone'))
    return {
      title: 'This test is no longer available',
      text: `${error.message} If you think this is a mistake, reply to the invitation email: the recruiter can extend or re-send it.`,
    }
  if (error.status === 423)
    return {
      title: 'Access code locked',
      text: 'Too many wrong codes. Open the link from your invitation email instead, or ask the recruiter for a new code.',
    }
  if (error.status === 429)
    return {
      title: 'Too many attempts',
      text: `Please wait ${error.retryAfter ? `${Math.ceil(error.retryAfter / 60)} minute(s)` : 'a few minutes'} and try again.`,
    }
  if (error.status === 401)
    return how === 'link'
      ? {
          title: 'This link does not work',
          text: 'It may have been re-sent since (open the newest email), or copied incompletely. You can also sign in with the username and access code from the email.',
        }
      : {
          title: 'Wrong username or access code',
          text: 'Check both against your invitation email and try again.',
        }
  return { title: 'Something went wrong', text: error.message }
}

/** `/t/<token>`: the link from the invitation email signs in by itself. */
export function LinkSignInPage() {
  const { token = '' } = useParams()
  const navigate = useNavigate()
  const [error, setError] = useState<unknown>(null)
  const tried = useRef(false)
  useEffect(() => {
    if (tried.current) return
    tried.current = true
    preloadPlayer()
    api
      .signIn({ token })
      // The token leaves the address bar (and the history): the player continues at /test.
      .then((signedIn) => {
        holdSignIn(signedIn)
        navigate(PLAYER_PATH, { replace: true })
      })
      .catch(setError)
  }, [token, navigate])
  if (!error)
    return (
      <PlayerFrame>
        <Center py={80}>
          <Stack align="center" gap="sm">
            <Loader aria-hidden />
            <Text role="status">Opening your assessment…</Text>
          </Stack>
        </Center>
      </PlayerFrame>
    )
  const { title, text } = explain(error, 'link')
  return (
    <PlayerFrame>
      <Paper withBorder radius="md" p="xl" maw={560} mx="auto">
        <Stack>
          <Title order={1} size="h2">
            {title}
          </Title>
          <Text>{text}</Text>
          <Button component={Link} to="/t" variant="light" w="fit-content">
            Sign in with an access code
          </Button>
        </Stack>
      </Paper>
    </PlayerFrame>
  )
}

/** `/t`: the username and access code from the invitation email (when the link cannot be clicked). */
export function CodeSignInPage() {
  const navigate = useNavigate()
  const [error, setError] = useState<unknown>(null)
  const form = useForm({
    initialValues: { username: '', access_code: '' },
    validate: {
      username: (v) => (v.trim() ? null : 'Enter the username from your invitation email.'),
      access_code: (v) => (v.trim() ? null : 'Enter the access code from your invitation email.'),
    },
  })
  const [busy, setBusy] = useState(false)
  const submit = form.onSubmit(async (values) => {
    setBusy(true)
    setError(null)
    try {
      holdSignIn(
        await api.signIn({ username: values.username.trim(), access_code: values.access_code.trim() }),
      )
      navigate(PLAYER_PATH)
    } catch (e) {
      setError(e)
    } finally {
      setBusy(false)
    }
  })
  const problem = error ? explain(error, 'code') : null
  return (
    <PlayerFrame>
      <Paper
        withBorder
        radius="md"
        p={{ base: 'lg', sm: 'xl' }}
        maw={460}
        mx="auto"
        mt={{ base: 0, sm: 'xl' }}
      >
        <form onSubmit={submit} noValidate>
          <Stack>
            <div>
              <Title order={1} size="h2">
                Start your assessment
              </Title>
              <Text c="dimmed" size="sm" mt={4}>
                Enter the username and access code from your invitation email.
              </Text>
            </div>
            {problem && (
              <Alert color="red" variant="light" title={problem.title} role="alert">
                {problem.text}
              </Alert>
            )}
            <TextInput
              label="Username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              {...form.getInputProps('username')}
            />
            <TextInput
              label="Access code"
              autoComplete="one-time-code"
              autoCapitalize="characters"
              spellCheck={false}
              required
              {...form.getInputProps('access_code')}
            />
            <Button type="submit" loading={busy} size="md">
              Continue
            </Button>
            <Text size="xs" c="dimmed">
              No account is needed. Already have a candidate account?{' '}
              <Anchor component={Link} to="/login" size="xs">
                Sign in
              </Anchor>{' '}
              and open the test from “My assessments”.
            </Text>
          </Stack>
        </form>
      </Paper>
    </PlayerFrame>
  )
}
