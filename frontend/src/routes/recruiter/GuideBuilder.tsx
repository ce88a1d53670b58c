import { ActionIcon, Badge, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core'
import { IconBooks, IconTrash } from '@tabler/icons-react'
import { useState } from 'react'
import type { Schemas } from '../../api/client'
import { useAuth } from '../../lib/useAuth'
import { BankQuestionPicker } from './BankQuestionPicker'

export type GuideItem = Schemas['GuideItem']

const CATEGORIES = ['architecture', 'programming', 'domain', 'behavioral', 'general']
const DIFFICULTIES = ['easy', 'medium', 'hard'] as const
const DIFFICULTY_COLORS = { easy: 'green', medium: 'yellow', hard: 'red' } as const

/** The interview's question guide: questions with a category and a difficulty, in asking order; written here or
 * picked from the Step-2 / Step-3 question banks (those keep their `question_id`, and the interview kit shows
 * the bank question with its rubric). */
export function GuideBuilder({
  value,
  onChange,
}: {
  value: GuideItem[]
  onChange: (v: GuideItem[]) => void
}) {
  const [text, setText] = useState('')
  const [category, setCategory] = useState('programming')
  const [difficulty, setDifficulty] = useState<GuideItem['difficulty']>('medium')
  const [picking, setPicking] = useState(false)
  const { me } = useAuth()
  const canPick = !!me?.permissions.includes('questions:read')
  const add = () => {
    if (!text.trim()) return
    onChange([...value, { text: text.trim(), category, difficulty }])
    setText('')
  }
  return (
    <Stack gap="xs">
      <Text size="sm" fw={500}>
        Question guide
      </Text>
      {value.length > 0 && (
        <Stack gap={4} component="ol" style={{ paddingLeft: 18, margin: 0 }} aria-label="Guide questions">
          {value.map((q, n) => (
            <li key={n}>
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Text size="sm" style={{ flex: 1 }}>
                  {q.text}
                </Text>
                {q.question_id && (
                  <Badge size="xs" variant="outline" color="indigo">
                    bank
                  </Badge>
                )}
                <Badge size="xs" variant="light">
                  {q.category}
                </Badge>
                <Badge size="xs" variant="light" color={DIFFICULTY_COLORS[q.difficulty ?? 'medium']}>
                  {q.difficulty}
                </Badge>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  size="sm"
                  aria-label={`Remove "${q.text}"`}
                  onClick={() => onChange(value.filter((_, i) => i !== n))}
                >
                  <IconTrash size={14} />
                </ActionIcon>
              </Group>
            </li>
          ))}
        </Stack>
      )}
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <TextInput
          aria-label="New question"
          placeholder="Add a question and press Enter"
          style={{ flex: 1 }}
          value={text}
          maxLength={1000}
          onChange={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault()
              add()
            }
          }}
        />
        <Select
          aria-label="Category"
          w={130}
          data={CATEGORIES}
          value={category}
          onChange={(v) => v && setCategory(v)}
          allowDeselect={false}
        />
        <Select
          aria-label="Difficulty"
          w={100}
          data={[...DIFFICULTIES]}
          value={difficulty}
          onChange={(v) => v && setDifficulty(v as GuideItem['difficulty'])}
          allowDeselect={false}
        />
        <Button variant="light" onClick={add} disabled={!text.trim()}>
          Add
        </Button>
      </Group>
      {canPick && (
        <Group>
          <Button
            variant="subtle"
            size="xs"
            leftSection={<IconBooks size={14} />}
            onClick={() => setPicking(true)}
          >
            Add from the question banks
          </Button>
        </Group>
      )}
      {picking && (
        <BankQuestionPicker
          value={value}
          categories={CATEGORIES}
          onAdd={(item) => onChange([...value, item])}
          onClose={() => setPicking(false)}
        />
      )}
    </Stack>
  )
}
