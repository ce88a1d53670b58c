import { Anchor, Box, Container, Group, Text } from '@mantine/core'
import type { ReactNode } from 'react'
import { Link } from 'react-router'

/** Candidate-facing pages: no app shell, readable on a phone, with the header / main / footer landmarks. */
export function PublicLayout({ title, children }: { title?: string; children: ReactNode }) {
  return (
    <Box mih="100vh" bg="gray.0">
      <Box component="header" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Container size="md" py="sm">
          <Group justify="space-between">
            <Text fw={800} c="indigo">
              {title ?? 'Careers'}
            </Text>
            <Anchor component={Link} to="/login" size="sm">
              Candidate sign-in
            </Anchor>
          </Group>
        </Container>
      </Box>
      <Container component="main" size="md" py="lg" px="md">
        {children}
      </Container>
      <Text component="footer" ta="center" size="xs" c="dimmed" pb="lg">
        Powered by InterviewFlow
      </Text>
    </Box>
  )
}
