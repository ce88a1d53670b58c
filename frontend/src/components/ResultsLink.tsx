import { Button } from '@mantine/core'
import { IconArrowRight } from '@tabler/icons-react'
import type { ReactNode } from 'react'
import { Link } from 'react-router'

/** The small link from a test session in a list (the interview kit, the application drawer) to its results page.
 * Only a link: the results page itself (and its charts and code viewer) loads with its own route. */
export function ResultsLink({
  sessionId,
  children = 'Results',
}: {
  sessionId: string
  children?: ReactNode
}) {
  return (
    <Button
      component={Link}
      to={`/results/${sessionId}`}
      size="compact-xs"
      variant="subtle"
      rightSection={<IconArrowRight size={12} />}
    >
      {children}
    </Button>
  )
}
