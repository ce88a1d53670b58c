import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { modals } from '@mantine/modals'
import { IconInfoCircle, IconTrash } from '@tabler/icons-react'
import { Link, useNavigate, useParams, useSearchParams } from 'react-router'
import { QuestionCreate as QuestionLimits } from '../../api/limits'
import Markdown from '../../components/content/Markdown'
import { OptionsEditor } from '../../components/content/OptionsEditor'
import { RubricEditor } from '../../components/content/RubricEditor'
import { FormError } from '../../components/FormError'
import { ReportIssueButton } from '../../components/content/QuestionFeedback'
import { PageHeader } from '../../components/PageHeader'
import { ErrorState, LoadingRows } from '../../components/states'
import { apiRules, FORM_ERROR } from '../../lib/form'
import { formatDateTime } from '../../lib/format'
import { notifyError, notifySuccess } from '../../lib/notify'
import {
  TYPE_LABELS,
  useAllBanks,
  useCreateQuestion,
  useDeleteQuestion,
  usePatchQuestion,
  useQuestion,
  useReplaceQuestion,
  useVersions,
  type QuestionAuthorView,
} from '../../queries/questions'
import { CodingFields } from './CodingFields'
import { QuestionReadOnly } from './QuestionReadOnly'
import { applyQuestionProblem, contentBody, initialValues, type QuestionValues } from './questionForm'
import { VerificationBadge } from './shared'
import { useCanWrite } from './access'
import { VerifyPanel } from './VerifyPanel'

/** /questions/new and /questions/:id: the editor for authors, the preview for everyone else. */
export function QuestionEditorPage() {
  const { id } = useParams()
  const canWrite = useCanWrite()
  const question = useQuestion(id)
  if (!id) return <QuestionEditor question={null} />
  if (question.isError) return <ErrorState error={question.error} onRetry={() => void question.refetch()} />
  if (!question.data) return <LoadingRows />
  if (question.data.view === 'author' && canWrite)
    return <QuestionEditor key={question.data.version_meta.version_id} question={question.data} />
  return (
    <>
      <PageHeader
        title={question.data.title}
        description="Question preview"
        actions={<ReportIssueButton questionId={id} title={question.data.title} />}
      />
      <Grid>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <QuestionReadOnly question={question.data} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <HistoryCard questionId={id} />
        </Grid.Col>
      </Grid>
    </>
  )
}

function QuestionEditor({ question }: { question: QuestionAuthorView | null }) {
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const banks = useAllBanks()
  const create = useCreateQuestion()
  const replace = useReplaceQuestion()
  const patch = usePatchQuestion()
  const remove = useDeleteQuestion()
  const form = useForm<QuestionValues>({
    initialValues: initialValues(question, params.get('bank')),
    validate: apiRules<QuestionValues>(QuestionLimits, {
      messages: {
        title: 'Give the question a title.',
        body: 'Write the question.',
        bank_id: 'Choose a bank.',
      },
    }),
  })
  const v = form.getValues()
  // Every field error at the top too: the field may sit in a tab or an editor scrolled out of sight.
  const fieldErrors = Object.entries(form.errors).filter(
    ([field, message]) => field !== FORM_ERROR && message,
  )
  const mcq = v.type === 'mcq_single' || v.type === 'mcq_multi'

  const submit = form.onSubmit(async (values) => {
    try {
      if (!question) {
        const created = await create.mutateAsync({
          ...contentBody(values),
          bank_id: values.bank_id!,
          // A coding question is enabled once Verify passed, never at creation.
          enabled: values.type !== 'coding' && values.enabled,
        })
        notifySuccess(
          values.type === 'coding' ? 'Question created: verify it to enable it' : 'Question created',
        )
        void navigate(`/questions/${created.id}`, { replace: true })
      } else {
        const saved = await replace.mutateAsync({ id: question.id, body: contentBody(values) })
        notifySuccess(
          saved.version > question.version ? `Saved as version ${saved.version}` : 'Question saved',
        )
      }
    } catch (err) {
      applyQuestionProblem(form, err)
    }
  })

  const setSwitch = (body: { enabled?: boolean; bank_id?: string }) =>
    question &&
    patch.mutate(
      { id: question.id, body },
      {
        onSuccess: () =>
          notifySuccess(body.enabled === undefined ? 'Moved' : body.enabled ? 'Enabled' : 'Disabled'),
        onError: notifyError,
      },
    )

  const confirmDelete = () =>
    question &&
    modals.openConfirmModal({
      title: `Delete "${question.title}"?`,
      children: <Text size="sm">It has never been in a test session. This cannot be undone.</Text>,
      labels: { confirm: 'Delete', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        remove.mutate(question.id, {
          onSuccess: () => {
            notifySuccess('Question deleted')
            void navigate('/questions')
          },
          onError: notifyError,
        }),
    })

  return (
    <form onSubmit={submit} noValidate>
      <PageHeader
        title={question ? question.title : 'New question'}
        description={
          question
            ? `${TYPE_LABELS[question.type]} · version ${question.version} · served ${question.times_served} time${question.times_served === 1 ? '' : 's'}`
            : 'Write the question, its answers and how it is checked.'
        }
        actions={
          <>
            <Button variant="default" component={Link} to="/questions">
              Back to the bank
            </Button>
            <Button type="submit" loading={form.submitting}>
              {question ? 'Save' : 'Create question'}
            </Button>
          </>
        }
      />
      {fieldErrors.length > 0 && (
        <Alert color="red" mb="md" role="alert" title="Some fields need attention">
          <Stack gap={2}>
            {fieldErrors.map(([field, message]) => (
              <Text key={field} size="sm">
                <Text span ff="monospace" size="xs">
                  {field}
                </Text>
                : {message}
              </Text>
            ))}
          </Stack>
        </Alert>
      )}
      {question?.edit_creates_version && (
        <Alert color="blue" icon={<IconInfoCircle />} mb="md">
          Test sessions were given this version: saving the content creates version {question.version + 1},
          and those sessions keep theirs.
        </Alert>
      )}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="lg">
            <Card withBorder padding="md">
              <Stack>
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <Select
                    label="Type"
                    data={Object.entries(TYPE_LABELS).map(([value, label]) => ({ value, label }))}
                    allowDeselect={false}
                    disabled={!!question}
                    description={question ? 'The type of a question cannot change.' : undefined}
                    {...form.getInputProps('type')}
                  />
                  <Select
                    label="Bank"
                    required
                    searchable
                    data={(banks.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
                    disabled={!!question}
                    description={question ? 'Move it from the side panel.' : undefined}
                    {...form.getInputProps('bank_id')}
                  />
                </SimpleGrid>
                <TextInput label="Title" required {...form.getInputProps('title')} />
                <SimpleGrid cols={{ base: 1, md: 2 }}>
                  <Textarea
                    label="Question"
                    description="Markdown: **bold**, `code`, lists, tables, fenced code blocks. No HTML."
                    required
                    autosize
                    minRows={8}
                    maxRows={24}
                    styles={{ input: { fontFamily: 'monospace', fontSize: 13 } }}
                    {...form.getInputProps('body')}
                  />
                  <Stack gap={4}>
                    <Text size="sm" fw={500}>
                      Preview
                    </Text>
                    <Card
                      withBorder
                      padding="sm"
                      mih={180}
                      aria-label="Question preview"
                      component="section"
                      style={{ overflow: 'auto', maxHeight: 520 }}
                    >
                      {v.body.trim() ? (
                        <Markdown>{v.body}</Markdown>
                      ) : (
                        <Text size="sm" c="dimmed">
                          The candidate sees the question here.
                        </Text>
                      )}
                    </Card>
                  </Stack>
                </SimpleGrid>
                <SimpleGrid cols={{ base: 1, sm: 3 }}>
                  <Select
                    label="Difficulty"
                    data={['easy', 'medium', 'hard']}
                    allowDeselect={false}
                    {...form.getInputProps('difficulty')}
                  />
                  <NumberInput label="Points" min={1} max={1000} {...form.getInputProps('points')} />
                  <NumberInput
                    label="Expected minutes"
                    min={1}
                    max={240}
                    {...form.getInputProps('expected_minutes')}
                  />
                </SimpleGrid>
                <TagsInput
                  label="Tags"
                  description="Topics to search by (recursion, sql, leadership …)."
                  clearable
                  {...form.getInputProps('tags')}
                />
              </Stack>
            </Card>

            {mcq && (
              <Card withBorder padding="md">
                <OptionsEditor
                  form={form}
                  path="options"
                  options={v.options}
                  single={v.type === 'mcq_single'}
                  heading={
                    <Title order={2} size="h4">
                      Options
                    </Title>
                  }
                />
              </Card>
            )}

            {v.type === 'essay' && (
              <Card withBorder padding="md">
                <RubricEditor
                  form={form}
                  path="rubric"
                  rubric={v.rubric}
                  heading={
                    <Title order={2} size="h4">
                      Rubric
                    </Title>
                  }
                  description="What the person grading the answer looks for; candidates never see it."
                />
              </Card>
            )}

            {v.type === 'coding' && <CodingFields form={form} />}

            <Card withBorder padding="md">
              <Textarea
                label="Explanation"
                description="Why the answer is right; authors and graders only (Markdown)."
                autosize
                minRows={3}
                {...form.getInputProps('explanation')}
              />
            </Card>
            <FormError form={form} />
          </Stack>
        </Grid.Col>

        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="lg">
            <Card withBorder padding="md">
              <Title order={2} size="h4" mb="sm">
                Status
              </Title>
              {question ? (
                <Stack gap="sm">
                  <Switch
                    label="Enabled"
                    checked={question.enabled}
                    disabled={!question.can_enable && !question.enabled}
                    onChange={(e) => setSwitch({ enabled: e.currentTarget.checked })}
                    description={
                      !question.can_enable && !question.enabled
                        ? 'A coding question can be enabled once Verify has passed: every reference solution accepted on every test case.'
                        : 'Disabled questions are never put in new tests.'
                    }
                  />
                  {question.type === 'coding' && (
                    <Group gap="xs">
                      <Text size="sm">Verification:</Text>
                      <VerificationBadge value={question.verification} />
                    </Group>
                  )}
                  <Select
                    label="Bank"
                    data={(banks.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
                    value={question.bank_id}
                    allowDeselect={false}
                    searchable
                    onChange={(b) => b && b !== question.bank_id && setSwitch({ bank_id: b })}
                  />
                  {/* The served count can lag a few seconds behind a test start; edit_creates_version cannot. */}
                  {question.times_served === 0 && !question.edit_creates_version && (
                    <Button
                      variant="subtle"
                      color="red"
                      leftSection={<IconTrash size={16} />}
                      onClick={confirmDelete}
                    >
                      Delete question
                    </Button>
                  )}
                </Stack>
              ) : v.type === 'coding' ? (
                <Text size="sm" c="dimmed">
                  A coding question starts disabled: save it, then Verify runs its reference solutions, and it
                  can be enabled once they pass.
                </Text>
              ) : (
                <Switch label="Enabled" {...form.getInputProps('enabled', { type: 'checkbox' })} />
              )}
            </Card>
            {question?.type === 'coding' && <VerifyPanel question={question} dirty={form.isDirty()} />}
            {question && <HistoryCard questionId={question.id} />}
          </Stack>
        </Grid.Col>
      </Grid>
    </form>
  )
}

/** The question's versions, newest first, with how many test sessions were given each. */
export function HistoryCard({ questionId }: { questionId: string }) {
  const versions = useVersions(questionId)
  return (
    <Card withBorder padding="md">
      <Title order={2} size="h4" mb="sm">
        Version history
      </Title>
      {versions.isError ? (
        <ErrorState error={versions.error} onRetry={() => void versions.refetch()} />
      ) : !versions.data ? (
        <LoadingRows rows={2} />
      ) : (
        <Table aria-label="Versions" fz="sm" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Version</Table.Th>
              <Table.Th>Sessions</Table.Th>
              <Table.Th>Saved</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {versions.data.items.map((ver) => (
              <Table.Tr key={ver.version_id}>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Anchor component={Link} to={`/questions/${questionId}/versions/${ver.version_id}`}>
                      v{ver.number}
                    </Anchor>
                    {ver.is_current && (
                      <Badge size="xs" variant="light">
                        current
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>{ver.times_served}</Table.Td>
                <Table.Td>{formatDateTime(ver.updated_at)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  )
}
