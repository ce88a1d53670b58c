import { Button, Center, Stack, Text, Title } from '@mantine/core'
import { Component, type ReactNode } from 'react'

/**
 * The last resort when a page fails to render (a bug, or a chunk of the app that no longer exists after a new
 * release): say so and offer a reload instead of a blank screen.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false }

  static getDerivedStateFromError() {
    return { failed: true }
  }

  render() {
    if (!this.state.failed) return this.props.children
    return (
      <Center component="main" mih="100vh" p="md">
        <Stack align="center" gap="sm" maw={420} ta="center">
          <Title order={1} size="h2">
            Something went wrong
          </Title>
          <Text c="dimmed">This page could not be shown. Reloading usually fixes it.</Text>
          <Button onClick={() => window.location.reload()}>Reload</Button>
        </Stack>
      </Center>
    )
  }
}
