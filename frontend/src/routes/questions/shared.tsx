import { Badge, Tabs } from '@mantine/core'
import { useLocation, useNavigate } from 'react-router'
import type { Difficulty } from '../../queries/questions'
import { DIFFICULTY_COLORS, useCanWrite } from './access'

const TABS = [
  { value: '/questions', label: 'Questions', write: false },
  { value: '/questions/banks', label: 'Banks', write: false },
  { value: '/questions/import', label: 'Import & export', write: true },
  { value: '/questions/feedback', label: 'Suggestions & issues', write: true },
]

/** The area's own navigation: one line of tabs under the page title. */
export function QuestionsTabs() {
  const location = useLocation()
  const navigate = useNavigate()
  const canWrite = useCanWrite()
  const tabs = TABS.filter((t) => canWrite || !t.write)
  return (
    <Tabs value={location.pathname} onChange={(v) => v && void navigate(v)} mb="md">
      <Tabs.List aria-label="Question bank sections">
        {tabs.map((t) => (
          <Tabs.Tab key={t.value} value={t.value}>
            {t.label}
          </Tabs.Tab>
        ))}
      </Tabs.List>
    </Tabs>
  )
}

export function DifficultyBadge({ value }: { value: Difficulty }) {
  return (
    <Badge variant="light" color={DIFFICULTY_COLORS[value]}>
      {value}
    </Badge>
  )
}

const VERIFICATION = {
  passed: { color: 'green', label: 'Verified' },
  failed: { color: 'red', label: 'Failed' },
  unverified: { color: 'gray', label: 'Unverified' },
} as const

export function VerificationBadge({ value }: { value: keyof typeof VERIFICATION | null | undefined }) {
  if (!value) return null
  const v = VERIFICATION[value]
  return (
    <Badge variant="dot" color={v.color}>
      {v.label}
    </Badge>
  )
}
