import { Button, Center, Loader, Paper, Stack, Text, Title } from '@mantine/core'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useCallback, useState, useSyncExternalStore } from 'react'
import { Link } from 'react-router'
import { ErrorState } from '../../components/states'
import { DoneScreen } from './DoneScreen'
import { PlayerFrame } from './PlayerFrame'
import { PlayerSession } from './PlayerSession'
import { api, holdSignIn, playerToken, type Overview, type SessionState, type SignedIn } from './playerApi'
import { RulesScreen } from './RulesScreen'
import { TestScreen, type Ending } from './TestScreen'

const overviewKey = ['player', 'me'] as const

/** `/test` once loaded: the player after signing in. The server's status decides the screen: the rules before the start, the
 * test while it runs (a reload or another device lands back in it), the thank-you page after. */
export default function PlayerApp() {
  const token = useSyncExternalStore(playerToken.subscribe, playerToken.get)
  const queryClient = useQueryClient()
  const overview = useQuery({
    queryKey: overviewKey,
    queryFn: api.overview,
    enabled: !!token,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  })
  const [ending, setEnding] = useState<Ending | null>(null)
  const ended = useCallback(
    (e: Ending) => {
      setEnding(e)
      // The server's word on what happened (and the result, if released).
      void queryClient.invalidateQueries({ queryKey: overviewKey })
    },
    [queryClient],
  )
  const started = useCallback(
    (s: SignedIn) => {
      holdSignIn(s)
      queryClient.setQueryData<Overview>(overviewKey, s.overview)
    },
    [queryClient],
  )

  if (!token) return <SignedOut ended={!!ending} />
  if (overview.isError)
    return (
      <PlayerFrame>
        <ErrorState error={overview.error} onRetry={() => void overview.refetch()} />
      </PlayerFrame>
    )
  if (!overview.data) return <Waiting label="Loading your assessment" />
  const o = overview.data
  if (ending) {
    // Closed while on screen (the deadline, or another tab submitted): the server's account of it (which, and
    // the answers it kept) comes with the overview being fetched again.
    if (ending.reason !== 'submitted' && overview.isFetching)
      return <Waiting label="The test closed: loading what happened" />
    const state: SessionState | null | undefined = ending.state ?? o.session
    const reason = o.status === 'timed_out' || ending.reason === 'time_up' ? 'timed_out' : 'submitted'
    return <DoneScreen overview={o} state={state} reason={reason} lost={ending.lost} />
  }
  if (o.status === 'not_started') return <RulesScreen overview={o} onStarted={started} />
  if (o.status === 'in_progress' && o.session)
    return (
      <PlayerSession overview={o} initial={o.session}>
        <TestScreen onEnded={ended} />
      </PlayerSession>
    )
  return (
    <DoneScreen
      overview={o}
      state={o.session}
      reason={o.status === 'timed_out' ? 'timed_out' : 'submitted'}
    />
  )
}

function Waiting({ label }: { label: string }) {
  return (
    <PlayerFrame>
      <Center py={80}>
        <Loader aria-label={label} />
      </Center>
    </PlayerFrame>
  )
}

function SignedOut({ ended }: { ended: boolean }) {
  return (
    <PlayerFrame>
      <Paper withBorder radius="md" p="xl" maw={560} mx="auto">
        <Stack>
          <Title order={1} size="h2">
            {ended ? 'You are signed out of the test' : 'Open your assessment'}
          </Title>
          <Text>
            Open the link from your invitation email, or sign in with the username and access code it
            contains. If your test has started, you continue where you left off with the time you have left.
          </Text>
          <Button component={Link} to="/t" w="fit-content">
            Sign in with an access code
          </Button>
        </Stack>
      </Paper>
    </PlayerFrame>
  )
}
