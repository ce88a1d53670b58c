import { Badge, Card, Group, Progress, Rating, ScrollArea, SimpleGrid, Stack, Text } from '@mantine/core'
import { IconFlag } from '@tabler/icons-react'
import { EmptyState } from '../states'
import { QueryView } from '../QueryView'
import { useFeedback } from '../../queries/decisions'
import { RecommendationBadge } from './RecommendationBadge'
import { label } from './recommendation'

function Section({ title, text }: { title: string; text: string }) {
  if (!text) return null
  return (
    <Stack gap={2}>
      <Text size="xs" fw={700} tt="uppercase" c="dimmed">
        {title}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {text}
      </Text>
    </Stack>
  )
}

/** All submitted scorecards of an application next to each other, for the people who decide. */
export function SideBySide({ applicationId }: { applicationId: string }) {
  const feedback = useFeedback(applicationId)
  const cards = (feedback.data ?? []).filter((r) => r.status === 'submitted')
  const waiting = (feedback.data ?? []).length - cards.length
  return (
    <QueryView
      query={feedback}
      isEmpty={cards.length === 0}
      empty={
        <EmptyState title="No submitted scorecards">
          The panel's feedback appears here once submitted.
        </EmptyState>
      }
    >
      {waiting > 0 && (
        <Text size="sm" c="orange" mb="xs">
          {waiting} scorecard{waiting > 1 ? 's' : ''} still missing.
        </Text>
      )}
      <ScrollArea>
        <SimpleGrid
          cols={{ base: 1, sm: 2, lg: Math.min(cards.length, 4) }}
          miw={cards.length > 2 ? 720 : undefined}
        >
          {cards.map((c) => (
            <Card
              key={`${c.interview_id}-${c.interviewer_id}`}
              component="article"
              withBorder
              radius="md"
              aria-label={`Scorecard of ${c.interviewer_name}`}
            >
              <Stack gap="sm">
                <Group justify="space-between" align="flex-start">
                  <Stack gap={0}>
                    <Text fw={700}>{c.interviewer_name}</Text>
                    <Text size="xs" c="dimmed">
                      {label(c.interview_type)}
                    </Text>
                  </Stack>
                  <RecommendationBadge value={c.recommendation} />
                </Group>
                <Group gap="xs">
                  <Rating value={Number(c.overall_rating)} fractions={2} readOnly />
                  <Text fw={700}>{Number(c.overall_rating)}/5</Text>
                  {c.follow_up && (
                    <Badge size="xs" color="orange" leftSection={<IconFlag size={10} />}>
                      Follow-up
                    </Badge>
                  )}
                </Group>
                {Object.entries(c.ratings ?? {}).map(([attribute, value]) => (
                  <Stack key={attribute} gap={2}>
                    <Group justify="space-between">
                      <Text size="xs" tt="capitalize">
                        {label(attribute)}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {Number(value)}
                      </Text>
                    </Group>
                    <Progress
                      value={(Number(value) / 5) * 100}
                      size="sm"
                      aria-label={`${label(attribute)} ${Number(value)} of 5`}
                    />
                  </Stack>
                ))}
                <Section title="Strengths" text={c.strengths ?? ''} />
                <Section title="Weaknesses" text={c.weaknesses ?? ''} />
                <Section title="Notes" text={c.notes ?? ''} />
              </Stack>
            </Card>
          ))}
        </SimpleGrid>
      </ScrollArea>
    </QueryView>
  )
}
