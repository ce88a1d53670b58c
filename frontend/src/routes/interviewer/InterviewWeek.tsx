import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core'
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react'
import { useState } from 'react'
import { Link } from 'react-router'
import { QueryView } from '../../components/QueryView'
import { useInterviews } from '../../queries/interviews'
import { addDays, mondayOf, weekDays } from '../../lib/week'
import { INTERVIEW_STATUS_COLORS } from './interviewStatus'

const time = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })

/** A week of interviews, a column per day in the viewer's time zone, with week-by-week navigation. */
export function InterviewWeek({ mine }: { mine: boolean }) {
  const [monday, setMonday] = useState(() => mondayOf(new Date()))
  const days = weekDays(monday)
  const end = addDays(monday, 7)
  const interviews = useInterviews({ mine, since: monday.toISOString(), until: end.toISOString() })
  const items = interviews.data?.items ?? []
  const today = new Date().toDateString()
  const shift = (weeks: number) => setMonday(addDays(monday, weeks * 7))
  return (
    <Card withBorder radius="md">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" aria-live="polite">
          Week of {monday.toLocaleDateString([], { day: 'numeric', month: 'long', year: 'numeric' })}
        </Title>
        <Group gap="xs">
          <ActionIcon variant="default" aria-label="Previous week" onClick={() => shift(-1)}>
            <IconChevronLeft size={16} />
          </ActionIcon>
          <Button size="xs" variant="default" onClick={() => setMonday(mondayOf(new Date()))}>
            This week
          </Button>
          <ActionIcon variant="default" aria-label="Next week" onClick={() => shift(1)}>
            <IconChevronRight size={16} />
          </ActionIcon>
        </Group>
      </Group>
      <QueryView query={interviews} isEmpty={false} empty={null}>
        <SimpleGrid cols={{ base: 1, sm: 7 }} spacing={6} role="list" aria-label="Days of the week">
          {days.map((day) => {
            const mine = items.filter((i) => new Date(i.starts_at).toDateString() === day.toDateString())
            const isToday = day.toDateString() === today
            return (
              <Paper
                key={day.toISOString()}
                role="listitem"
                withBorder
                p={6}
                radius="sm"
                mih={140}
                bg={isToday ? 'var(--mantine-color-blue-0)' : undefined}
                aria-label={day.toLocaleDateString([], { weekday: 'long', day: 'numeric', month: 'long' })}
              >
                <Text size="xs" fw={700} c={isToday ? 'blue' : 'dimmed'} tt="uppercase" mb={4}>
                  {day.toLocaleDateString([], { weekday: 'short', day: 'numeric' })}
                </Text>
                <Stack gap={4}>
                  {mine.map((i) => (
                    <Anchor
                      key={i.id}
                      component={Link}
                      to={`/interviews/${i.id}`}
                      underline="never"
                      c="inherit"
                      p={4}
                      style={{
                        borderLeft: `3px solid var(--mantine-color-${INTERVIEW_STATUS_COLORS[i.status]}-6)`,
                        background: 'var(--mantine-color-gray-0)',
                        borderRadius: 4,
                        textDecoration: i.status === 'cancelled' ? 'line-through' : undefined,
                      }}
                    >
                      <Text size="xs" fw={700}>
                        {time(i.starts_at)}–{time(i.ends_at)}
                      </Text>
                      <Text size="xs" lineClamp={1}>
                        {i.candidate_name}
                      </Text>
                      <Badge size="xs" variant="light" color={INTERVIEW_STATUS_COLORS[i.status]}>
                        {i.type.replace('_', ' ')}
                      </Badge>
                    </Anchor>
                  ))}
                </Stack>
              </Paper>
            )
          })}
        </SimpleGrid>
        {items.length === 0 && (
          <Text size="sm" c="dimmed" ta="center" mt="sm">
            No interviews this week.
          </Text>
        )}
      </QueryView>
    </Card>
  )
}
