import { Box, Group, Tooltip } from '@mantine/core'
import { RECOMMENDATIONS, type Recommendation } from './recommendation'

/** A card-sized tally of the panel: one dot per scorecard in its recommendation's colour, hollow while missing. */
export function ScorecardDots({ recommendations, pending }: { recommendations: string[]; pending: number }) {
  if (recommendations.length === 0 && pending === 0) return null
  const labels = recommendations.map((r) => RECOMMENDATIONS[r as Recommendation]?.label ?? r)
  const summary = [labels.join(', '), pending ? `${pending} missing` : ''].filter(Boolean).join(' · ')
  const dot = (key: string | number, color: string | null) => (
    <Box
      key={key}
      w={8}
      h={8}
      style={{
        borderRadius: '50%',
        background: color ? `var(--mantine-color-${color}-6)` : undefined,
        border: color ? undefined : '1px solid var(--mantine-color-gray-5)',
      }}
    />
  )
  return (
    <Tooltip label={`Scorecards: ${summary}`}>
      <Group gap={3} role="img" aria-label={`Scorecards: ${summary}`}>
        {recommendations.map((r, i) => dot(i, RECOMMENDATIONS[r as Recommendation]?.color ?? 'gray'))}
        {Array.from({ length: pending }, (_, i) => dot(`p${i}`, null))}
      </Group>
    </Tooltip>
  )
}
