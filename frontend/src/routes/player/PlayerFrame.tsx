import { Box, Container, Group, Text, ThemeIcon, VisuallyHidden } from '@mantine/core'
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
                <ClipboardCheck />
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

/** The header's mark, drawn inline: the sign-in pages load no icon library. */
function ClipboardCheck() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2">
      <path d="M9 5H7a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V7a2 2 0 0 0-2-2h-2" />
      <rect x="9" y="3" width="6" height="4" rx="2" />
      <path d="m9 14 2 2 4-4" />
    </svg>
  )
}
