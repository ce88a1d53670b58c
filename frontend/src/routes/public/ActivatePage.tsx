import { Alert, Button, Card, PasswordInput, Stack, Text, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import { Link, useSearchParams } from 'react-router'
import { Activate } from '../../api/limits'
import { FormError } from '../../components/FormError'
import { apiRules, applyProblem } from '../../lib/form'
import { passwordProblem } from '../../lib/users'
import { useActivateAccount } from '../../queries/jobBoard'
import { PublicLayout } from './PublicLayout'

export function ActivatePage() {
  const [params] = useSearchParams()
  const activate = useActivateAccount()
  const form = useForm({
    initialValues: { password: '' },
    validate: apiRules(Activate, { extra: ({ password }) => ({ password: passwordProblem(password) }) }),
  })
  const submit = form.onSubmit(async ({ password }) => {
    try {
      await activate.mutateAsync({ token: params.get('token') ?? '', password })
    } catch (err) {
      // An expired or used link is a problem with the token, which has no field here: it shows above.
      applyProblem(form, err)
    }
  })
  return (
    <PublicLayout>
      <Card withBorder radius="md" p="xl" maw={460} mx="auto" component="form" onSubmit={submit} noValidate>
        <Stack>
          <Title order={1} size="h3">
            Create your password
          </Title>
          {activate.isSuccess ? (
            <Alert color="green" role="status">
              Your account is ready. <Link to="/login">Sign in</Link> to follow your applications.
            </Alert>
          ) : (
            <>
              <Text size="sm" c="dimmed">
                You will use your email and this password to follow your applications.
              </Text>
              <FormError form={form} />
              <PasswordInput
                label="Password"
                description="At least 10 characters, with a letter and a digit."
                required
                autoComplete="new-password"
                {...form.getInputProps('password')}
              />
              <Button type="submit" loading={form.submitting}>
                Create password
              </Button>
            </>
          )}
        </Stack>
      </Card>
    </PublicLayout>
  )
}
