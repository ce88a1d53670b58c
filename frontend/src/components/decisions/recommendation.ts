export const RECOMMENDATIONS = {
  strong_hire: { label: 'Strong hire', color: 'teal' },
  hire: { label: 'Hire', color: 'green' },
  maybe: { label: 'Maybe', color: 'yellow' },
  no_hire: { label: 'No hire', color: 'red' },
} as const

export type Recommendation = keyof typeof RECOMMENDATIONS

/** `problem_solving` → `Problem solving`. */
export function label(key: string): string {
  const words = key.replaceAll('_', ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}
