import {
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
import { useForm } from '@mantine/form'
import { Navigate, useNavigate, useSearchParams } from 'react-router'
import { LoginRequest } from '../../api/limits'
import { FormError } from '../../components/FormError'
import { apiRules, FORM_ERROR } from '../../lib/form'
import { loginErrorMessage } from '../../lib/loginErrors'
import { useAuth } from '../../lib/useAuth'

export function LoginPage() {
  const { status, login } = useAuth()
  const [params] = useSearchParams()
  const navigate = useNavigate()
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: apiRules(LoginRequest, {
      messages: { email: 'Enter your work email.', password: 'Enter your password.' },
    }),
  })
  const next = params.get('next')
  const target = next && next.startsWith('/') && !next.startsWith('//') ? next : '/'

  if (status === 'authenticated') return <Navigate to={target} replace />

  const submit = form.onSubmit(async ({ email, password }) => {
    try {
      await login(email.trim(), password)
      void navigate(target, { replace: true })
    } catch (err) {
      // Sign-in failures get their own wording (locked account, rate limit …) rather than the API's detail.
      form.setErrors({ [FORM_ERROR]: loginErrorMessage(err) })
    }
  })

  return (
    <Center component="main" mih="100vh" bg="gray.0" p="md">
      <Box w="100%" maw={420}>
        <Stack gap={4} mb="lg" ta="center">
          <Text fw={800} size="xl" c="indigo">
            InterviewFlow
          </Text>
          <Title order={1} size="h3">
            Sign in to your workspace
          </Title>
        </Stack>
        <Paper withBorder shadow="sm" p="xl" radius="md" component="form" onSubmit={submit} noValidate>
          <Stack>
            <FormError form={form} />
            <TextInput
              label="Work email"
              type="email"
              autoComplete="username"
              required
              autoFocus
              {...form.getInputProps('email')}
            />
            <PasswordInput
              label="Password"
              autoComplete="current-password"
              required
              {...form.getInputProps('password')}
            />
            <Button type="submit" loading={form.submitting} fullWidth>
              Sign in
            </Button>
          </Stack>
        </Paper>
        <Text size="xs" c="dimmed" ta="center" mt="md">
          Candidates: use the link in your invitation email. Trouble signing in?{' '}
          <Anchor size="xs" href="mailto:support@interviewflow.dev" underline="always">
            Contact support
          </Anchor>
        </Text>
      </Box>
    </Center>
  )
}
