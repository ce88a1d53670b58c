import {
  Button,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  type ButtonProps,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconFlag, IconPlus } from '@tabler/icons-react'
import { useState } from 'react'
import { IssueReportCreate, SuggestionCreate } from '../../api/limits'
import { apiRules, applyProblem } from '../../lib/form'
import { notifySuccess } from '../../lib/notify'
import { useAuth } from '../../lib/useAuth'
import {
  TYPE_LABELS,
  useAllBanks,
  useReportIssue,
  useSuggestQuestion,
  type Difficulty,
  type IssueCategory,
} from '../../queries/questions'
import { FormError } from '../FormError'
import { OptionsEditor } from './OptionsEditor'
import { RubricEditor } from './RubricEditor'

// Interviewers and recruiters read the banks but do not write them: they report what is wrong with a question and
// suggest new ones, and an admin triages both in the bank's "Suggestions & issues" queue.

function useCan(permission: string): boolean {
  const { me } = useAuth()
  return !!me?.permissions.includes(permission)
}

const CATEGORIES: { value: IssueCategory; label: string }[] = [
  { value: 'wrong_answer', label: 'The marked answer is wrong' },
  { value: 'unclear', label: 'Unclear or ambiguous' },
  { value: 'typo', label: 'Typo or formatting' },
  { value: 'outdated', label: 'Outdated' },
  { value: 'too_easy', label: 'Too easy for its level' },
  { value: 'too_hard', label: 'Too hard for its level' },
  { value: 'leaked', label: 'Leaked (answers seen online)' },
  { value: 'other', label: 'Something else' },
]

/** "Report an issue" with one question; shown only to people allowed to report. */
export function ReportIssueButton({
  questionId,
  title,
  ...button
}: { questionId: string; title: string } & ButtonProps) {
  const [open, setOpen] = useState(false)
  if (!useCan('questions:report')) return null
  return (
    <>
      <Button
        variant="default"
        leftSection={<IconFlag size={16} />}
        {...button}
        onClick={() => setOpen(true)}
      >
        Report an issue
      </Button>
      {open && <ReportIssueModal questionId={questionId} title={title} onClose={() => setOpen(false)} />}
    </>
  )
}

function ReportIssueModal({
  questionId,
  title,
  onClose,
}: {
  questionId: string
  title: string
  onClose: () => void
}) {
  const report = useReportIssue()
  const form = useForm({
    initialValues: { category: null as IssueCategory | null, message: '' },
    validate: apiRules(IssueReportCreate, {
      messages: { category: 'Choose what is wrong.', message: 'Say what is wrong.' },
    }),
  })
  const submit = form.onSubmit(async (v) => {
    try {
      await report.mutateAsync({
        id: questionId,
        body: { category: v.category!, message: v.message.trim() },
      })
      notifySuccess('Thank you: the admins will look at your report')
      onClose()
    } catch (err) {
      applyProblem(form, err)
    }
  })
  return (
    <Modal opened onClose={onClose} title={`Report an issue with “${title}”`} centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Select
            label="What is wrong"
            required
            data={CATEGORIES}
            allowDeselect={false}
            {...form.getInputProps('category')}
          />
          <Textarea
            label="Details"
            description="What you noticed, and what it should say instead."
            required
            autosize
            minRows={3}
            {...form.getInputProps('message')}
          />
          <FormError form={form} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={form.submitting}>
              Send report
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}

/** "Suggest a question" for a bank; shown only to people allowed to suggest. */
export function SuggestQuestionButton({ bankId, ...button }: { bankId?: string | null } & ButtonProps) {
  const [open, setOpen] = useState(false)
  if (!useCan('questions:suggest')) return null
  return (
    <>
      <Button
        variant="default"
        leftSection={<IconPlus size={16} />}
        {...button}
        onClick={() => setOpen(true)}
      >
        Suggest a question
      </Button>
      {open && <SuggestQuestionModal bankId={bankId ?? null} onClose={() => setOpen(false)} />}
    </>
  )
}

// Coding questions need languages, reference solutions and test cases: an admin writes those in the editor, so a
// suggestion is a multiple-choice question or an essay (a coding idea can be described as an essay).
type SuggestedType = 'mcq_single' | 'mcq_multi' | 'essay'
const SUGGESTED_TYPES: SuggestedType[] = ['mcq_single', 'mcq_multi', 'essay']

function SuggestQuestionModal({ bankId, onClose }: { bankId: string | null; onClose: () => void }) {
  const suggest = useSuggestQuestion()
  const banks = useAllBanks()
  const form = useForm({
    initialValues: {
      bank_id: bankId,
      question: {
        type: 'mcq_single' as SuggestedType,
        title: '',
        body: '',
        difficulty: 'medium' as Difficulty,
        points: 1,
        expected_minutes: 5,
        options: [
          { text: '', correct: true },
          { text: '', correct: false },
        ],
        rubric: [{ criterion: '', points: 1, guidance: '' }],
      },
      tags: [] as string[],
      note: '',
    },
    validate: apiRules(SuggestionCreate, {
      messages: { 'question.title': 'Give the question a title.', 'question.body': 'Write the question.' },
      extra: (v): Record<string, string | null> => {
        const q = v.question
        if (q.type === 'essay') {
          const total = q.rubric.reduce((sum, r) => sum + (Number(r.points) || 0), 0)
          return {
            'question.rubric': q.rubric.some((r) => !r.criterion.trim())
              ? 'Name every criterion.'
              : total !== q.points
                ? `The criteria add up to ${total} points; the question is worth ${q.points}.`
                : null,
          }
        }
        const correct = q.options.filter((o) => o.correct).length
        return {
          'question.options': q.options.some((o) => !o.text.trim())
            ? 'Fill in every option (or remove it).'
            : q.type === 'mcq_single' && correct !== 1
              ? 'Mark exactly one correct option.'
              : correct < 1
                ? 'Mark at least one correct option.'
                : null,
        }
      },
    }),
  })
  const q = form.getValues().question
  const mcq = q.type !== 'essay'

  const submit = form.onSubmit(async (v) => {
    const essay = v.question.type === 'essay'
    try {
      await suggest.mutateAsync({
        bank_id: v.bank_id,
        tags: v.tags,
        note: v.note.trim(),
        question: {
          type: v.question.type,
          title: v.question.title.trim(),
          body: v.question.body.trim(),
          difficulty: v.question.difficulty,
          points: v.question.points,
          expected_minutes: v.question.expected_minutes,
          explanation: '',
          options: essay ? [] : v.question.options.map((o) => ({ text: o.text.trim(), correct: o.correct })),
          rubric: essay
            ? v.question.rubric.map((r) => ({
                criterion: r.criterion.trim(),
                points: Number(r.points) || 0,
                guidance: r.guidance.trim(),
              }))
            : [],
        },
      })
      notifySuccess('Thank you: your suggestion is with the admins')
      onClose()
    } catch (err) {
      applyProblem(form, err)
    }
  })

  return (
    <Modal opened onClose={onClose} title="Suggest a question" centered size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Group grow align="flex-start">
            <Select
              label="Type"
              data={SUGGESTED_TYPES.map((t) => ({ value: t, label: TYPE_LABELS[t] }))}
              allowDeselect={false}
              {...form.getInputProps('question.type')}
            />
            <Select
              label="Difficulty"
              data={[
                { value: 'easy', label: 'Easy' },
                { value: 'medium', label: 'Medium' },
                { value: 'hard', label: 'Hard' },
              ]}
              allowDeselect={false}
              {...form.getInputProps('question.difficulty')}
            />
            <NumberInput label="Points" min={1} max={1000} {...form.getInputProps('question.points')} />
            <NumberInput
              label="Minutes"
              min={1}
              max={240}
              {...form.getInputProps('question.expected_minutes')}
            />
          </Group>
          <Select
            label="Bank"
            description="Where you think it fits; an admin decides."
            placeholder="No preference"
            data={(banks.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
            searchable
            clearable
            {...form.getInputProps('bank_id')}
          />
          <TextInput label="Title" required {...form.getInputProps('question.title')} />
          <Textarea
            label="Question"
            description="Markdown."
            required
            autosize
            minRows={3}
            {...form.getInputProps('question.body')}
          />
          {mcq ? (
            <OptionsEditor
              form={form}
              path="question.options"
              options={q.options}
              single={q.type === 'mcq_single'}
              heading={
                <Text size="sm" fw={500}>
                  Options
                </Text>
              }
            />
          ) : (
            <RubricEditor
              form={form}
              path="question.rubric"
              rubric={q.rubric}
              minCriteria={1}
              heading={
                <Text size="sm" fw={500}>
                  Rubric{' '}
                  <Text span size="xs" c="dimmed">
                    (what the grader looks for; the points add up to the question&apos;s)
                  </Text>
                </Text>
              }
            />
          )}
          <TagsInput label="Tags" maxTags={20} {...form.getInputProps('tags')} />
          <Textarea
            label="Note for the admins"
            description="Why this question, where you would use it."
            autosize
            minRows={2}
            {...form.getInputProps('note')}
          />
          <FormError form={form} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={form.submitting}>
              Send suggestion
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
