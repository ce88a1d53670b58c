import { Badge } from '@mantine/core'
import { RECOMMENDATIONS, type Recommendation } from './recommendation'

/** A scorecard's recommendation in its colour, or what stands in for it while there is none yet. */
export function RecommendationBadge({
  value,
  placeholder = 'Awaiting',
}: {
  value: string | null | undefined
  placeholder?: string
}) {
  if (!value)
    return (
      <Badge variant="outline" color="gray">
        {placeholder}
      </Badge>
    )
  const r = RECOMMENDATIONS[value as Recommendation]
  return (
    <Badge variant="filled" color={r.color}>
      {r.label}
    </Badge>
  )
}
