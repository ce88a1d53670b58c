import { Box, Container, Group, Text, ThemeIcon, VisuallyHidden } from '@mantine/core'
import { IconClipboardCheck } from '@tabler/icons-react'
import type { ReactNode } from 'react'
import classes from './player.module.css'

/** The player's page: a quiet header (who is testing the candidate, for what) and one main region. No app
 * navigation: nothing on screen competes with the test. */
export function PlayerFrame({
  organization,
  title,
  right,
  children,
  wide = false,
}: {
  organization?: string
  title?: string
  right?: ReactNode
  children: ReactNode
  wide?: boolean
}) {
  return (
    <Box className={classes.page}>
      <a href="#player-main" className={classes.skip}>
        Skip to the test
      </a>
      <header className={classes.header}>
        <Container size={wide ? 'xl' : 'md'} h="100%">
          <Group h="100%" justify="space-between" wrap="nowrap" gap="sm">
            <Group gap="sm" wrap="nowrap" miw={0}>
              <ThemeIcon size={34} radius="md" variant="light" aria-hidden>
                <IconClipboardCheck size={20} />
              </ThemeIcon>
              <Box miw={0}>
                <Text fw={700} size="sm" truncate>
                  {title ?? 'Online assessment'}
                </Text>
                {organization && (
                  <Text size="xs" c="dimmed" truncate>
                    {organization}
                  </Text>
                )}
              </Box>
            </Group>
            {right}
          </Group>
        </Container>
      </header>
      <main id="player-main" tabIndex={-1} className={classes.main}>
        <Container size={wide ? 'xl' : 'md'} py={{ base: 'md', sm: 'xl' }}>
          {children}
        </Container>
      </main>
      <VisuallyHidden>InterviewFlow test player</VisuallyHidden>
    </Box>
  )
}
