export const TYPE_COLORS: Record<string, string> = {
  system: 'gray',
  assessment: 'violet',
  interview: 'blue',
  application: 'teal',
  proctoring: 'orange',
}

export const PRIORITY_COLORS: Record<string, string> = {
  low: 'gray',
  normal: 'blue',
  high: 'orange',
  urgent: 'red',
}
