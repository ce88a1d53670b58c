import { Alert, Group, Paper, RingProgress, Stack, Table, Text, ThemeIcon, Title } from '@mantine/core'
import { IconCircleCheck, IconClockStop } from '@tabler/icons-react'
import { useEffect, useRef } from 'react'
import { PlayerFrame } from './PlayerFrame'
import { playerToken, type Overview, type SessionState } from './playerApi'
import { IntegrityLog } from './proctoring'

/** After the test: what happened (submitted, or the time ran out), anything that could not be saved, what comes
 * next, and the result when the assessment releases it. */
export function DoneScreen({
  overview,
  state,
  reason,
  lost = [],
}: {
  overview: Overview
  state: SessionState | null | undefined
  reason: 'submitted' | 'timed_out'
  lost?: number[]
}) {
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [])
  const timedOut = reason === 'timed_out'
  const result = state?.result
  const numberOf = (position: number) => (state?.items.findIndex((i) => i.position === position) ?? -1) + 1
  return (
    <PlayerFrame organization={overview.organization_name} title={overview.assessment_name}>
      <Stack gap="lg" maw={680} mx="auto">
        <Paper withBorder radius="md" p={{ base: 'lg', sm: 'xl' }}>
          <Stack align="center" ta="center" gap="sm">
            <ThemeIcon size={64} radius="xl" variant="light" color={timedOut ? 'blue' : 'green'} aria-hidden>
              {timedOut ? <IconClockStop size={36} /> : <IconCircleCheck size={36} />}
            </ThemeIcon>
            <Title order={1} ref={heading} tabIndex={-1} style={{ outline: 'none' }}>
              {timedOut ? 'Time is up' : `Thank you, ${overview.candidate_first_name}`}
            </Title>
            <Text size="lg">
              {timedOut
                ? 'Your test closed at the deadline. Everything you saved before then has been submitted.'
                : 'Your test has been submitted.'}
            </Text>
            {state && state.items.length > 0 && (
              <Text data-testid="answered-summary">
                Answers submitted: {state.items.filter((i) => i.answered).length} of {state.items.length}{' '}
                question{state.items.length === 1 ? '' : 's'}.
              </Text>
            )}
            <Text c="dimmed">
              {overview.organization_name} will review your answers for the {overview.job_title} role and
              contact you by email about the next step. You can close this window.
            </Text>
          </Stack>
        </Paper>
        {state && <IntegrityLog token={playerToken.get} />}
        {lost.length > 0 && (
          <Alert
            color="orange"
            variant="light"
            title="Some changes arrived after the test closed"
            role="alert"
          >
            Changes to question{lost.length > 1 ? 's' : ''} {lost.map(numberOf).join(', ')} were made on this
            device but reached us only after the test had closed, so they are not part of your answers. Your
            earlier saved answers for {lost.length > 1 ? 'them are' : 'it is'} kept.
          </Alert>
        )}
        {result && (
          <Paper withBorder radius="md" p="xl" component="section" aria-labelledby="result">
            <Title order={2} size="h3" id="result" mb="md">
              Your result
            </Title>
            <Group align="center" gap="xl" wrap="wrap">
              <RingProgress
                size={120}
                thickness={12}
                roundCaps
                sections={[{ value: Number(result.score), color: 'blue' }]}
                label={
                  <Text ta="center" fw={800} size="xl">
                    {Math.round(Number(result.score))}%
                  </Text>
                }
                aria-hidden
              />
              <Stack gap={4}>
                <Text fw={700} size="lg">
                  Score: {Number(result.score).toFixed(0)}%
                </Text>
                <Text c="dimmed">
                  {Number(result.points_awarded)} of {Number(result.points_possible)} points
                </Text>
              </Stack>
            </Group>
            {result.sections.length > 1 && (
              <Table mt="md" aria-label="Score by section">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Section</Table.Th>
                    <Table.Th>Points</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {result.sections.map((s) => (
                    <Table.Tr key={s.title}>
                      <Table.Td>{s.title}</Table.Td>
                      <Table.Td>
                        {Number(s.points_awarded)} / {Number(s.points_possible)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Paper>
        )}
        {!result && state && state.grading_status !== 'graded' && (
          <Text size="sm" c="dimmed" ta="center">
            Some answers are graded by a person, so results take a little time.
          </Text>
        )}
      </Stack>
    </PlayerFrame>
  )
}
