import {
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Text,
  Textarea,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { useState } from 'react'
import { Link } from 'react-router'
import { FormError } from '../../components/FormError'
import { PageHeader } from '../../components/PageHeader'
import { PagedTable, type Column } from '../../components/PagedTable'
import { EmptyState } from '../../components/states'
import { applyProblem } from '../../lib/form'
import { formatDateTime } from '../../lib/format'
import { notifySuccess } from '../../lib/notify'
import { useCursorStack } from '../../lib/useCursorStack'
import {
  TYPE_LABELS,
  useAcceptFeedback,
  useAllBanks,
  useDeclineFeedback,
  useFeedbackQueue,
  type Feedback,
  type FeedbackParams,
  type QuestionType,
} from '../../queries/questions'
import { QuestionsTabs } from './shared'

const PAGE_SIZE = 20
const STATUS_COLORS = { open: 'blue', accepted: 'green', resolved: 'green', declined: 'gray' } as const

/** What interviewers and recruiters suggested or reported: accept (a suggestion enters a bank, a report is
 * resolved) or decline with a note the author reads. */
export function FeedbackPage() {
  const [kind, setKind] = useState('all')
  const [status, setStatus] = useState<string>('open')
  const [deciding, setDeciding] = useState<{ item: Feedback; accept: boolean } | null>(null)
  const filters = {
    kind: kind === 'all' ? undefined : (kind as FeedbackParams['kind']),
    status: status as FeedbackParams['status'],
  }
  const pager = useCursorStack(JSON.stringify(filters))
  const queue = useFeedbackQueue({ ...filters, limit: PAGE_SIZE, cursor: pager.cursor })

  const columns: Column<Feedback>[] = [
    {
      header: 'Kind',
      render: (f) => (
        <Badge variant="light" color={f.kind === 'suggestion' ? 'indigo' : 'orange'}>
          {f.kind === 'suggestion' ? 'Suggestion' : 'Issue'}
        </Badge>
      ),
    },
    {
      header: 'About',
      render: (f) => {
        const proposal = f.proposal as { title?: string; type?: QuestionType } | null
        return (
          <Stack gap={2}>
            {f.kind === 'suggestion' ? (
              <Text size="sm" fw={600}>
                {proposal?.title ?? 'New question'}{' '}
                {proposal?.type && (
                  <Text span size="xs" c="dimmed">
                    ({TYPE_LABELS[proposal.type]})
                  </Text>
                )}
              </Text>
            ) : (
              f.question_id && (
                <Anchor component={Link} to={`/questions/${f.question_id}`} size="sm" fw={600}>
                  {f.category?.replace('_', ' ') ?? 'Issue'}: open the question
                </Anchor>
              )
            )}
            <Text size="sm" lineClamp={3}>
              {f.message}
            </Text>
            {f.resolution_note && (
              <Text size="xs" c="dimmed">
                Note: {f.resolution_note}
              </Text>
            )}
          </Stack>
        )
      },
      td: { maw: 460 },
    },
    { header: 'From', render: (f) => f.author_name ?? '—' },
    {
      header: 'Status',
      render: (f) => (
        <Badge variant="dot" color={STATUS_COLORS[f.status]}>
          {f.status}
        </Badge>
      ),
    },
    { header: 'Received', render: (f) => formatDateTime(f.created_at) },
    {
      header: 'Actions',
      hiddenHeader: true,
      render: (f) =>
        f.status === 'open' && (
          <Group gap={4} wrap="nowrap">
            <Button
              size="xs"
              variant="light"
              color="green"
              onClick={() => setDeciding({ item: f, accept: true })}
            >
              {f.kind === 'suggestion' ? 'Accept' : 'Resolve'}
            </Button>
            <Button
              size="xs"
              variant="subtle"
              color="gray"
              onClick={() => setDeciding({ item: f, accept: false })}
            >
              Decline
            </Button>
          </Group>
        ),
    },
  ]

  return (
    <>
      <PageHeader
        title="Suggestions and issue reports"
        description="Questions people suggested for the banks, and problems they found in existing ones."
      />
      <QuestionsTabs />
      <PagedTable
        label="Suggestions and issue reports"
        query={queue}
        pager={pager}
        pageSize={PAGE_SIZE}
        columns={columns}
        rowKey={(f) => f.id}
        minWidth={860}
        filters={
          <Group gap="sm">
            <SegmentedControl
              aria-label="Filter by kind"
              value={kind}
              onChange={setKind}
              data={[
                { label: 'All', value: 'all' },
                { label: 'Suggestions', value: 'suggestion' },
                { label: 'Issues', value: 'issue' },
              ]}
            />
            <Select
              aria-label="Filter by status"
              data={[
                { value: 'open', label: 'Open' },
                { value: 'accepted', label: 'Accepted' },
                { value: 'resolved', label: 'Resolved' },
                { value: 'declined', label: 'Declined' },
              ]}
              value={status}
              onChange={(v) => v && setStatus(v)}
              allowDeselect={false}
              w={160}
            />
          </Group>
        }
        empty={
          <EmptyState title="Nothing here">
            Interviewers and recruiters suggest questions and report issues from the questions they read.
          </EmptyState>
        }
      />
      {deciding && <DecideModal {...deciding} onClose={() => setDeciding(null)} />}
    </>
  )
}

function DecideModal({ item, accept, onClose }: { item: Feedback; accept: boolean; onClose: () => void }) {
  const banks = useAllBanks()
  const accepting = useAcceptFeedback()
  const declining = useDeclineFeedback()
  const suggestion = item.kind === 'suggestion'
  const form = useForm({
    initialValues: { bank_id: item.bank_id ?? null, enabled: false, note: '' },
    validate: {
      bank_id: (v) => (accept && suggestion && !v ? 'Choose the bank the question enters.' : null),
      note: (v) => (!accept && !v.trim() ? 'Tell the author why.' : null),
    },
  })
  const submit = form.onSubmit(async (values) => {
    try {
      if (accept)
        await accepting.mutateAsync({
          id: item.id,
          body: suggestion ? values : { note: values.note, enabled: false },
        })
      else await declining.mutateAsync({ id: item.id, body: { note: values.note } })
      notifySuccess(accept ? (suggestion ? 'Suggestion accepted' : 'Issue resolved') : 'Declined')
      onClose()
    } catch (err) {
      applyProblem(form, err)
    }
  })
  const title = accept ? (suggestion ? 'Accept the suggestion' : 'Resolve the issue') : 'Decline'
  return (
    <Modal opened onClose={onClose} title={title}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {accept && suggestion && (
            <>
              <Select
                label="Bank"
                required
                data={(banks.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
                searchable
                {...form.getInputProps('bank_id')}
              />
              <Switch
                label="Enable it at once"
                description="Coding questions are enabled once Verify passes."
                {...form.getInputProps('enabled', { type: 'checkbox' })}
              />
            </>
          )}
          <Textarea
            label={accept ? 'Note to the author (optional)' : 'Why (the author reads this)'}
            required={!accept}
            autosize
            minRows={2}
            {...form.getInputProps('note')}
          />
          <FormError form={form} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={form.submitting} color={accept ? 'green' : 'gray'}>
              {title}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
