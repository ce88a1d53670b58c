import {
  Alert,
  Anchor,
  Box,
  Button,
  Center,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { IconAlertCircle } from '@tabler/icons-react'
import { useState, type FormEvent } from 'react'
import { Navigate, useNavigate, useSearchParams } from 'react-router'
import { useAuth } from '../lib/useAuth'
import { loginErrorMessage } from '../lib/loginErrors'

export function LoginPage() {
  const { status, login } = useAuth()
  const [params] = useSearchParams()
  const navigate = useNavigate()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const next = params.get('next')
  const target = next && next.startsWith('/') && !next.startsWith('//') ? next : '/'

  if (status === 'authenticated') return <Navigate to={target} replace />

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      await login(email.trim(), password)
      void navigate(target, { replace: true })
    } catch (err) {
      setError(loginErrorMessage(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Center mih="100vh" bg="gray.0" p="md">
      <Box w="100%" maw={420}>
        <Stack gap={4} mb="lg" ta="center">
          <Text fw={800} size="xl" c="indigo.7">
            InterviewFlow
          </Text>
          <Title order={1} size="h3">
            Sign in to your workspace
          </Title>
        </Stack>
        <Paper withBorder shadow="sm" p="xl" radius="md" component="form" onSubmit={submit} noValidate>
          <Stack>
            {error && (
              <Alert
                color="red"
                variant="light"
                icon={<IconAlertCircle />}
                role="alert"
                aria-live="assertive"
              >
                {error}
              </Alert>
            )}
            <TextInput
              label="Work email"
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              autoFocus
            />
            <PasswordInput
              label="Password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            <Button type="submit" loading={busy} fullWidth>
              Sign in
            </Button>
          </Stack>
        </Paper>
        <Text size="xs" c="dimmed" ta="center" mt="md">
          Candidates: use the link in your invitation email. Trouble signing in?{' '}
          <Anchor size="xs" href="mailto:support@interviewflow.dev">
            Contact support
          </Anchor>
        </Text>
      </Box>
    </Center>
  )
}
