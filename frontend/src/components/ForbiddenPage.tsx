import { Button, Stack, Text, Title } from '@mantine/core'
import { Link } from 'react-router'

export function ForbiddenPage({ permission }: { permission?: string }) {
  return (
    <Stack align="center" py={80} gap="sm">
      <Title order={1} size="h2">
        Not available to you
      </Title>
      <Text c="dimmed">
        {permission ? `This page needs the “${permission}” permission.` : 'Your role cannot open this page.'}{' '}
        Ask an administrator if you need it.
      </Text>
      <Button component={Link} to="/" variant="light">
        Back to your dashboard
      </Button>
    </Stack>
  )
}
