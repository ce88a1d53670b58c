export const RECOMMENDATIONS = {
  strong_hire: { label: 'Strong hire', color: 'teal' },
  hire: { label: 'Hire', color: 'green' },
  maybe: { label: 'Maybe', color: 'yellow' },
  no_hire: { label: 'No hire', color: 'red' },
} as const

export type Recommendation = keyof typeof RECOMMENDATIONS

export const label = (key: string) => key.replaceAll('_', ' ')
