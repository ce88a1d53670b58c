import {
  Badge,
  Button,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconCheck, IconSearch } from '@tabler/icons-react'
import { useState } from 'react'
import type { Schemas } from '../../api/client'
import { ErrorState, LoadingRows } from '../../components/states'
import {
  STEP_LABELS,
  useAllBanks,
  useQuestionSearch,
  type QuestionSummary,
  type StepTag,
} from '../../queries/questions'

type GuideItem = Schemas['GuideItem']

// Interviews are Step 2 (lead developer, software engineer) and Step 3 (CTO, CEO): their banks feed the guides.
const INTERVIEW_STEPS: StepTag[] = ['step2_lead', 'step2_engineer', 'step3_cto', 'step3_ceo']
const DIFFICULTY_COLORS = { easy: 'green', medium: 'yellow', hard: 'red' } as const

/** The guide's category for a bank question: its first tag that is one of the guide's categories, else its
 * bank's first free tag, else "general". */
function categoryOf(q: QuestionSummary, bankTags: string[], categories: string[]): string {
  return (
    [...q.tags, ...bankTags].find((t) => categories.includes(t)) ??
    bankTags.find((t) => !t.startsWith('step')) ??
    'general'
  ).slice(0, 40)
}

/** Pick interview questions from the Step-2 / Step-3 banks: filter by step, words, difficulty and duration,
 * with how many the guide already holds per category (3–4 per category makes a balanced interview). */
export function BankQuestionPicker({
  value,
  onAdd,
  onClose,
  categories,
}: {
  value: GuideItem[]
  onAdd: (item: GuideItem) => void
  onClose: () => void
  categories: string[]
}) {
  const [step, setStep] = useState<StepTag>('step2_engineer')
  const [search, setSearch] = useState('')
  const [q] = useDebouncedValue(search.trim(), 300)
  const [difficulty, setDifficulty] = useState<string | null>(null)
  const [maxMinutes, setMaxMinutes] = useState<number | string>('')
  const banks = useAllBanks()
  const questions = useQuestionSearch({
    limit: 50,
    step,
    q: q || undefined,
    difficulty: (difficulty as QuestionSummary['difficulty']) ?? undefined,
    enabled: true,
    sort: 'title',
  })
  const chosen = new Set(value.map((g) => g.question_id).filter(Boolean))
  const perCategory = value.reduce<Record<string, number>>(
    (n, g) => ({ ...n, [g.category ?? 'general']: (n[g.category ?? 'general'] ?? 0) + 1 }),
    {},
  )
  const rows = (questions.data?.items ?? []).filter(
    (r) => typeof maxMinutes !== 'number' || r.expected_minutes <= maxMinutes,
  )
  const bankTags = (id: string) => banks.data?.find((b) => b.id === id)?.tags ?? []

  return (
    <Modal opened onClose={onClose} title="Add questions from the banks" size="xl">
      <Stack>
        <Group gap="sm" wrap="wrap">
          <Select
            label="Step"
            data={INTERVIEW_STEPS.map((s) => ({ value: s, label: STEP_LABELS[s] }))}
            value={step}
            onChange={(v) => v && setStep(v as StepTag)}
            allowDeselect={false}
            w={230}
          />
          <TextInput
            label="Search"
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            w={220}
          />
          <Select
            label="Difficulty"
            placeholder="Any"
            data={['easy', 'medium', 'hard']}
            value={difficulty}
            onChange={setDifficulty}
            clearable
            w={120}
          />
          <NumberInput
            label="At most (min)"
            min={1}
            max={240}
            value={maxMinutes}
            onChange={setMaxMinutes}
            w={120}
          />
        </Group>
        {Object.keys(perCategory).length > 0 && (
          <Group gap={4}>
            <Text size="xs" c="dimmed">
              In the guide:
            </Text>
            {Object.entries(perCategory).map(([c, n]) => (
              <Badge key={c} size="sm" variant="light" color={n > 4 ? 'orange' : 'indigo'}>
                {c}: {n}
              </Badge>
            ))}
          </Group>
        )}
        {questions.isError ? (
          <ErrorState error={questions.error} onRetry={() => void questions.refetch()} />
        ) : !questions.data ? (
          <LoadingRows rows={3} />
        ) : rows.length === 0 ? (
          <Text size="sm" c="dimmed">
            No enabled questions in the {STEP_LABELS[step]} banks match.
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={600} mah={420}>
            <Table aria-label="Bank questions" verticalSpacing="xs" fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Question</Table.Th>
                  <Table.Th>Difficulty</Table.Th>
                  <Table.Th>Minutes</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>Add</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {r.title}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {r.tags.join(', ')}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge size="sm" variant="light" color={DIFFICULTY_COLORS[r.difficulty]}>
                        {r.difficulty}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{r.expected_minutes}</Table.Td>
                    <Table.Td>
                      {chosen.has(r.id) ? (
                        <Badge color="green" variant="light" leftSection={<IconCheck size={12} />}>
                          Added
                        </Badge>
                      ) : (
                        <Button
                          size="xs"
                          variant="light"
                          aria-label={`Add ${r.title}`}
                          onClick={() =>
                            onAdd({
                              text: r.title.slice(0, 1000),
                              category: categoryOf(r, bankTags(r.bank_id), categories),
                              difficulty: r.difficulty,
                              question_id: r.id,
                            })
                          }
                        >
                          Add
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <Group justify="flex-end">
          <Button onClick={onClose}>Done</Button>
        </Group>
      </Stack>
    </Modal>
  )
}
