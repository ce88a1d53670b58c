export const INTERVIEW_STATUS_COLORS: Record<string, string> = {
  scheduled: 'blue',
  in_progress: 'indigo',
  completed: 'green',
  cancelled: 'gray',
  no_show: 'red',
}
