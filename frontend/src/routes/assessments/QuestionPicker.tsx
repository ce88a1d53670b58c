import {
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  ScrollArea,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconSearch } from '@tabler/icons-react'
import { useState } from 'react'
import { ErrorState, LoadingRows } from '../../components/states'
import { useBankOptions, useQuestionSearch } from '../../queries/assessments'
import { DIFFICULTY_LABELS, QUESTION_TYPE_LABELS } from './labels'

export interface PickedQuestion {
  id: string
  title: string
  type: string
  difficulty: string
  points: number
}

/** Choose enabled questions from the banks for a fixed section: filter by bank, search, tick, add. */
export function QuestionPicker({
  taken,
  onAdd,
  onClose,
}: {
  taken: string[]
  onAdd: (questions: PickedQuestion[]) => void
  onClose: () => void
}) {
  const [bank, setBank] = useState<string | null>(null)
  const [search, setSearch] = useState('')
  const [q] = useDebouncedValue(search.trim(), 300)
  const [ticked, setTicked] = useState<Map<string, PickedQuestion>>(new Map())
  const banks = useBankOptions()
  const questions = useQuestionSearch({ q: q || undefined, bank_id: bank ?? undefined, limit: 50 })
  const toggle = (question: PickedQuestion) =>
    setTicked((t) => {
      const next = new Map(t)
      if (next.has(question.id)) next.delete(question.id)
      else next.set(question.id, question)
      return next
    })
  return (
    <Modal opened onClose={onClose} title="Add questions" size="xl" centered>
      <Stack>
        <Group grow align="flex-end">
          <Select
            label="Bank"
            placeholder="All banks"
            clearable
            searchable
            data={(banks.data ?? []).map((b) => ({ value: b.id, label: `${b.name} (${b.enabled_count})` }))}
            value={bank}
            onChange={setBank}
          />
          <TextInput
            label="Search"
            placeholder="Title, text or tag"
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
          />
        </Group>
        {questions.isError ? (
          <ErrorState error={questions.error} onRetry={() => void questions.refetch()} />
        ) : !questions.data ? (
          <LoadingRows rows={4} />
        ) : questions.data.length === 0 ? (
          <Text size="sm" c="dimmed" ta="center" py="lg">
            No enabled question matches.
          </Text>
        ) : (
          <ScrollArea.Autosize mah={420}>
            <Table aria-label="Questions to add" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={40}>
                    <VisuallyHidden>Add</VisuallyHidden>
                  </Table.Th>
                  <Table.Th>Question</Table.Th>
                  <Table.Th>Type</Table.Th>
                  <Table.Th>Difficulty</Table.Th>
                  <Table.Th>Points</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {questions.data.map((question) => {
                  const already = taken.includes(question.id)
                  return (
                    <Table.Tr key={question.id}>
                      <Table.Td>
                        <Checkbox
                          aria-label={`Add ${question.title}`}
                          disabled={already}
                          checked={already || ticked.has(question.id)}
                          onChange={() => toggle(question)}
                        />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {question.title}
                        </Text>
                        {question.tags.length > 0 && (
                          <Text size="xs" c="dimmed">
                            {question.tags.join(', ')}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="light" size="sm">
                          {QUESTION_TYPE_LABELS[question.type]}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{DIFFICULTY_LABELS[question.difficulty]}</Table.Td>
                      <Table.Td>{question.points}</Table.Td>
                    </Table.Tr>
                  )
                })}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            disabled={ticked.size === 0}
            onClick={() => {
              onAdd([...ticked.values()])
              onClose()
            }}
          >
            Add {ticked.size || ''} question{ticked.size === 1 ? '' : 's'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
