export const TIER_COLORS: Record<string, string> = {
  none: 'gray',
  low: 'blue',
  medium: 'orange',
  high: 'red',
}
export const SEVERITY_COLORS: Record<string, string> = {
  low: 'gray',
  medium: 'yellow',
  high: 'orange',
  critical: 'red',
}
export const VERDICT_LABELS: Record<string, string> = {
  clear: 'Clear',
  concern: 'Concern',
  violation: 'Violation',
}

export function formatSeconds(total: number): string {
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  if (h) return `${h} h ${m} min`
  if (m) return `${m} min ${s} s`
  return `${s} s`
}
