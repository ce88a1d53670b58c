import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Modal,
  Select,
  Stack,
  Switch,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { modals } from '@mantine/modals'
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react'
import { useState } from 'react'
import { useNavigate } from 'react-router'
import { BankCreate as BankLimits } from '../../api/limits'
import { FormError } from '../../components/FormError'
import { ListToolbar } from '../../components/ListToolbar'
import { PageHeader } from '../../components/PageHeader'
import { PagedTable, type Column } from '../../components/PagedTable'
import { EmptyState } from '../../components/states'
import { applyProblem, apiRules } from '../../lib/form'
import { formatDateTime } from '../../lib/format'
import { notifyError, notifySuccess } from '../../lib/notify'
import { useCursorStack } from '../../lib/useCursorStack'
import { useLanguages } from '../../queries/languages'
import {
  STEP_LABELS,
  STEP_TAGS,
  useBanks,
  useCreateBank,
  useDeleteBank,
  useUpdateBank,
  type Bank,
  type StepTag,
} from '../../queries/questions'
import { QuestionsTabs } from './shared'
import { useCanWrite } from './access'

const PAGE_SIZE = 20

export function TagBadges({ tags }: { tags: string[] }) {
  return (
    <Group gap={4}>
      {tags.map((t) => (
        <Badge key={t} size="sm" variant="light" color={t.startsWith('step') ? 'indigo' : 'gray'}>
          {STEP_LABELS[t as StepTag] ?? t}
        </Badge>
      ))}
    </Group>
  )
}

/** Question banks: what each holds and for which step, with create, edit and delete (empty banks). */
export function BanksPage() {
  const navigate = useNavigate()
  const canWrite = useCanWrite()
  const [q, setQ] = useState('')
  const [tag, setTag] = useState<string | null>(null)
  const [enabled, setEnabled] = useState('all')
  const [sort, setSort] = useState('name')
  const [editing, setEditing] = useState<Bank | null | 'new'>(null)
  const remove = useDeleteBank()
  const filters = {
    sort,
    q: q || undefined,
    tag: tag ?? undefined,
    enabled: enabled === 'all' ? undefined : enabled === 'enabled',
  }
  const pager = useCursorStack(JSON.stringify(filters))
  const banks = useBanks({ ...filters, limit: PAGE_SIZE, cursor: pager.cursor })

  const confirmDelete = (b: Bank) =>
    modals.openConfirmModal({
      title: `Delete ${b.name}?`,
      children: <Text size="sm">Only an empty bank can be deleted: move or delete its questions first.</Text>,
      labels: { confirm: 'Delete', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        remove.mutate(b.id, { onSuccess: () => notifySuccess(`${b.name} deleted`), onError: notifyError }),
    })

  const columns: Column<Bank>[] = [
    {
      header: 'Name',
      sort: 'name',
      render: (b) => (
        <Stack gap={0}>
          <Text size="sm" fw={600}>
            {b.name}
          </Text>
          {b.description && (
            <Text size="xs" c="dimmed" lineClamp={1}>
              {b.description}
            </Text>
          )}
        </Stack>
      ),
      td: { maw: 360 },
    },
    { header: 'Tags', render: (b) => <TagBadges tags={b.tags} /> },
    { header: 'Language', render: (b) => b.language ?? 'Any' },
    {
      header: 'Questions',
      render: (b) => (
        <Text size="sm">
          {b.question_count}{' '}
          <Text span size="xs" c="dimmed">
            ({b.enabled_count} enabled)
          </Text>
        </Text>
      ),
    },
    {
      header: 'Status',
      render: (b) => (
        <Badge variant="light" color={b.enabled ? 'green' : 'gray'}>
          {b.enabled ? 'Enabled' : 'Disabled'}
        </Badge>
      ),
    },
    { header: 'Created', sort: 'created_at', render: (b) => formatDateTime(b.created_at) },
    ...(canWrite
      ? [
          {
            header: 'Actions',
            hiddenHeader: true,
            render: (b: Bank) => (
              <Group gap={4} wrap="nowrap" onClick={(e) => e.stopPropagation()}>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-label={`Edit ${b.name}`}
                  onClick={() => setEditing(b)}
                >
                  <IconPencil size={16} />
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={`Delete ${b.name}`}
                  onClick={() => confirmDelete(b)}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            ),
          },
        ]
      : []),
  ]

  return (
    <>
      <PageHeader
        title="Question banks"
        description="Banks group questions by step and topic; tests and interview guides draw from them."
        actions={
          canWrite && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
              New bank
            </Button>
          )
        }
      />
      <QuestionsTabs />
      <PagedTable
        label="Question banks"
        query={banks}
        pager={pager}
        pageSize={PAGE_SIZE}
        columns={columns}
        rowKey={(b) => b.id}
        sort={sort}
        onSort={setSort}
        onRowClick={(b) => void navigate(`/questions?bank=${b.id}`)}
        rowLabel={(b) => `Questions of ${b.name}`}
        minWidth={860}
        filters={
          <ListToolbar
            searchLabel="Search banks"
            searchPlaceholder="Search bank names"
            searchWidth={260}
            onSearch={setQ}
            segments={{
              label: 'Filter by status',
              value: enabled,
              onChange: setEnabled,
              data: [
                { label: 'All', value: 'all' },
                { label: 'Enabled', value: 'enabled' },
                { label: 'Disabled', value: 'disabled' },
              ],
            }}
          >
            <Select
              placeholder="Any step"
              aria-label="Filter by step tag"
              data={STEP_TAGS.map((s) => ({ value: s, label: STEP_LABELS[s] }))}
              value={tag}
              onChange={setTag}
              clearable
              w={220}
            />
          </ListToolbar>
        }
        empty={
          <EmptyState title={q || tag ? 'No banks match' : 'No question banks yet'}>
            Banks hold questions for one step (Step 1 IQ, Step 2 lead developer …) or one topic.
          </EmptyState>
        }
      />
      {editing && (
        <BankFormModal
          key={editing === 'new' ? 'new' : editing.id}
          bank={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  )
}

function BankFormModal({ bank, onClose }: { bank: Bank | null; onClose: () => void }) {
  const create = useCreateBank()
  const update = useUpdateBank()
  const languages = useLanguages()
  const form = useForm({
    initialValues: {
      name: bank?.name ?? '',
      description: bank?.description ?? '',
      tags: bank?.tags ?? [],
      language: bank?.language ?? null,
      enabled: bank?.enabled ?? true,
    },
    validate: apiRules(BankLimits, { messages: { name: 'Name the bank.' } }),
  })
  const submit = form.onSubmit(async (values) => {
    const body = { ...values, name: values.name.trim() }
    try {
      if (bank) await update.mutateAsync({ id: bank.id, body })
      else await create.mutateAsync(body)
      notifySuccess(bank ? 'Bank saved' : `Bank ${body.name} created`)
      onClose()
    } catch (err) {
      applyProblem(form, err)
    }
  })
  return (
    <Modal opened onClose={onClose} title={bank ? `Edit ${bank.name}` : 'New question bank'} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput label="Name" required {...form.getInputProps('name')} />
          <Textarea label="Description" autosize minRows={2} {...form.getInputProps('description')} />
          <TagsInput
            label="Tags"
            description="A step tag puts the bank's questions in that step's tests or interview guides; free tags describe the topic."
            data={[...STEP_TAGS]}
            clearable
            {...form.getInputProps('tags')}
          />
          <Select
            label="Language"
            description="For a bank of one programming language."
            placeholder="Any"
            data={(languages.data?.items ?? []).map((l) => ({
              value: l.key,
              label: `${l.name} ${l.version}`,
            }))}
            clearable
            {...form.getInputProps('language')}
          />
          <Switch label="Enabled" {...form.getInputProps('enabled', { type: 'checkbox' })} />
          <FormError form={form} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={form.submitting}>
              {bank ? 'Save' : 'Create bank'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
