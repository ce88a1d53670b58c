export const REQ_STATUS_COLORS: Record<string, string> = {
  draft: 'gray',
  open: 'green',
  paused: 'yellow',
  filled: 'blue',
  closed: 'dark',
  cancelled: 'red',
}

/** The button that moves a requisition to each status, in the order they are offered. */
export const STATUS_ACTIONS: {
  status: 'open' | 'paused' | 'filled' | 'closed' | 'cancelled'
  label: string
  color?: string
}[] = [
  { status: 'open', label: 'Publish' },
  { status: 'paused', label: 'Pause', color: 'yellow' },
  { status: 'filled', label: 'Mark filled', color: 'blue' },
  { status: 'closed', label: 'Close', color: 'gray' },
  { status: 'cancelled', label: 'Cancel requisition', color: 'red' },
]

export const EMPLOYMENT_TYPES = [
  { value: 'full_time', label: 'Full-time' },
  { value: 'part_time', label: 'Part-time' },
  { value: 'contract', label: 'Contract' },
  { value: 'internship', label: 'Internship' },
  { value: 'temporary', label: 'Temporary' },
]

export const EXPERIENCE_LEVELS = [
  { value: 'entry', label: 'Entry' },
  { value: 'mid', label: 'Mid' },
  { value: 'senior', label: 'Senior' },
  { value: 'lead', label: 'Lead' },
  { value: 'principal', label: 'Principal' },
]
