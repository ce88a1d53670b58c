import { Badge } from '@mantine/core'
import { TIER_COLORS } from './labels'

export function TierBadge({ tier }: { tier: string }) {
  return (
    <Badge variant="light" color={TIER_COLORS[tier] ?? 'gray'} aria-label={`Integrity risk: ${tier}`}>
      {tier === 'none' ? 'No risk' : `${tier} risk`}
    </Badge>
  )
}
