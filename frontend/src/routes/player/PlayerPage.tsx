import { Center, Loader } from '@mantine/core'
import { lazy, Suspense } from 'react'
import { PlayerFrame } from './PlayerFrame'

// The test's screens load after the sign-in (whose page is all the first visit needs): the link page starts
// fetching them while it signs in, so they are usually there first.
const PlayerApp = lazy(() => import('./PlayerApp'))

/** `/test`: the rules, the test, the thank-you page. */
export function PlayerPage() {
  return (
    <Suspense
      fallback={
        <PlayerFrame>
          <Center py={80}>
            <Loader aria-label="Loading your assessment" />
          </Center>
        </PlayerFrame>
      }
    >
      <PlayerApp />
    </Suspense>
  )
}
