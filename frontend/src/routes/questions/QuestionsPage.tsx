import {
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Menu,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconChevronDown, IconDownload, IconPlus, IconSearch } from '@tabler/icons-react'
import { useState } from 'react'
import { useNavigate, useSearchParams } from 'react-router'
import { download } from '../../api/client'
import { SuggestQuestionButton } from '../../components/content/QuestionFeedback'
import { PageHeader } from '../../components/PageHeader'
import { PagedTable, type Column } from '../../components/PagedTable'
import { EmptyState } from '../../components/states'
import { formatDateTime } from '../../lib/format'
import { notifyError, notifySuccess } from '../../lib/notify'
import { useCursorStack } from '../../lib/useCursorStack'
import { useLanguages } from '../../queries/languages'
import {
  EXPORT_FILE,
  exportUrl,
  STEP_LABELS,
  STEP_TAGS,
  TYPE_LABELS,
  useAllBanks,
  useBankStats,
  useBulkQuestions,
  useQuestionSearch,
  type QuestionSearchParams,
  type QuestionSummary,
} from '../../queries/questions'
import { DifficultyBadge, QuestionsTabs, VerificationBadge } from './shared'
import { useCanWrite } from './access'

const PAGE_SIZE = 25

function Stat({ label, value }: { label: string; value: number | undefined }) {
  return (
    <Card withBorder padding="sm" radius="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text fw={700} size="xl">
        {value ?? '–'}
      </Text>
    </Card>
  )
}

const opt = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }))

/** The question bank: counts, full-text search across banks with filters, and bulk actions for authors. */
export function QuestionsPage() {
  const navigate = useNavigate()
  const canWrite = useCanWrite()
  const [search, setSearch] = useState('')
  const [q] = useDebouncedValue(search.trim(), 300)
  const [params] = useSearchParams()
  const [bank, setBank] = useState<string | null>(() => params.get('bank'))
  const [step, setStep] = useState<string | null>(null)
  const [type, setType] = useState<string | null>(null)
  const [difficulty, setDifficulty] = useState<string | null>(null)
  const [language, setLanguage] = useState<string | null>(null)
  const [enabled, setEnabled] = useState<string | null>(null)
  const [verification, setVerification] = useState<string | null>(null)
  const [sort, setSort] = useState('-created_at')
  const [selected, setSelected] = useState<string[]>([])
  const banks = useAllBanks()
  const languages = useLanguages()
  const stats = useBankStats()
  const bulk = useBulkQuestions()

  const filters: Omit<QuestionSearchParams, 'limit'> = {
    sort,
    q: q || undefined,
    bank_id: bank ?? undefined,
    step: (step as QuestionSearchParams['step']) ?? undefined,
    type: (type as QuestionSearchParams['type']) ?? undefined,
    difficulty: (difficulty as QuestionSearchParams['difficulty']) ?? undefined,
    language: language ?? undefined,
    enabled: enabled === null ? undefined : enabled === 'yes',
    verification: (verification as QuestionSearchParams['verification']) ?? undefined,
  }
  const pager = useCursorStack(JSON.stringify(filters))
  const questions = useQuestionSearch({ ...filters, limit: PAGE_SIZE, cursor: pager.cursor })
  const bankName = (id: string) => banks.data?.find((b) => b.id === id)?.name ?? '…'
  const rows = questions.data?.items ?? []

  const runBulk = (action: 'enable' | 'disable' | 'move', bankId?: string) =>
    bulk.mutate(
      { question_ids: selected, action, bank_id: bankId },
      {
        onSuccess: (r) => {
          notifySuccess(`${r.updated} question${r.updated === 1 ? '' : 's'} updated`)
          setSelected([])
        },
        onError: notifyError,
      },
    )

  const columns: Column<QuestionSummary>[] = [
    ...(canWrite
      ? [
          {
            header: 'Select',
            hiddenHeader: true,
            render: (row: QuestionSummary) => (
              <Checkbox
                aria-label={`Select ${row.title}`}
                checked={selected.includes(row.id)}
                onClick={(e) => e.stopPropagation()}
                onChange={(e) =>
                  setSelected((s) =>
                    e.currentTarget.checked ? [...s, row.id] : s.filter((x) => x !== row.id),
                  )
                }
              />
            ),
          },
        ]
      : []),
    {
      header: 'Title',
      sort: 'title',
      render: (r) => (
        <Stack gap={0}>
          <Text size="sm" fw={600}>
            {r.title}
          </Text>
          <Text size="xs" c="dimmed">
            {bankName(r.bank_id)} · v{r.version}
          </Text>
        </Stack>
      ),
      td: { maw: 380 },
    },
    { header: 'Type', render: (r) => TYPE_LABELS[r.type] },
    { header: 'Difficulty', render: (r) => <DifficultyBadge value={r.difficulty} /> },
    { header: 'Points', sort: 'points', render: (r) => r.points },
    { header: 'Languages', render: (r) => r.languages.join(', ') || '—' },
    {
      header: 'Status',
      render: (r) => (
        <Group gap={4} wrap="nowrap">
          <Badge variant="light" color={r.enabled ? 'green' : 'gray'}>
            {r.enabled ? 'Enabled' : 'Disabled'}
          </Badge>
          {r.type === 'coding' && <VerificationBadge value={r.verification} />}
        </Group>
      ),
    },
    { header: 'Served', sort: 'times_served', render: (r) => r.times_served },
    { header: 'Updated', sort: 'updated_at', render: (r) => formatDateTime(r.updated_at) },
  ]

  const filtered = q || bank || step || type || difficulty || language || enabled || verification
  const allOnPage = rows.length > 0 && rows.every((r) => selected.includes(r.id))
  return (
    <>
      <PageHeader
        title="Question bank"
        description="The questions of online tests and interviews, in banks per step and topic."
        actions={
          // Authors write questions themselves; readers may suggest one for the admins to accept.
          !canWrite ? (
            <SuggestQuestionButton bankId={bank} />
          ) : (
            <>
              <Menu position="bottom-end">
                <Menu.Target>
                  <Button variant="default" rightSection={<IconChevronDown size={14} />}>
                    Export
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  {(['json', 'xlsx', 'csv'] as const).map((f) => (
                    <Menu.Item
                      key={f}
                      leftSection={<IconDownload size={16} />}
                      onClick={() =>
                        download(exportUrl(f, bank ? [bank] : [], selected), EXPORT_FILE[f]).catch(
                          notifyError,
                        )
                      }
                    >
                      {f.toUpperCase()}
                      {selected.length ? ` (${selected.length} selected)` : bank ? ' (this bank)' : ''}
                    </Menu.Item>
                  ))}
                </Menu.Dropdown>
              </Menu>
              <Button
                leftSection={<IconPlus size={16} />}
                onClick={() => void navigate(bank ? `/questions/new?bank=${bank}` : '/questions/new')}
              >
                New question
              </Button>
            </>
          )
        }
      />
      <QuestionsTabs />
      <SimpleGrid cols={{ base: 2, sm: 4, lg: 7 }} mb="md">
        <Stat label="Total" value={stats.data?.total} />
        <Stat label="Enabled" value={stats.data?.enabled} />
        {(['mcq_single', 'mcq_multi', 'coding', 'essay'] as const).map((t) => (
          <Stat key={t} label={TYPE_LABELS[t]} value={stats.data?.by_type[t] ?? 0} />
        ))}
        <Stat
          label="Step 1"
          value={(stats.data?.by_step.step1_iq ?? 0) + (stats.data?.by_step.step1_technical ?? 0)}
        />
      </SimpleGrid>
      {canWrite && selected.length > 0 && (
        <Card withBorder mb="sm" padding="xs">
          <Group gap="sm">
            <Text size="sm" fw={600}>
              {selected.length} selected
            </Text>
            <Button
              size="xs"
              variant="light"
              color="green"
              onClick={() => runBulk('enable')}
              loading={bulk.isPending}
            >
              Enable
            </Button>
            <Button
              size="xs"
              variant="light"
              color="gray"
              onClick={() => runBulk('disable')}
              loading={bulk.isPending}
            >
              Disable
            </Button>
            <Select
              size="xs"
              placeholder="Move to bank…"
              aria-label="Move the selected questions to a bank"
              data={(banks.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
              value={null}
              onChange={(v) => v && runBulk('move', v)}
              w={220}
            />
            <Button size="xs" variant="subtle" onClick={() => setSelected([])}>
              Clear selection
            </Button>
          </Group>
        </Card>
      )}
      <PagedTable
        label="Questions"
        query={questions}
        pager={pager}
        pageSize={PAGE_SIZE}
        columns={columns}
        rowKey={(r) => r.id}
        sort={sort}
        onSort={setSort}
        onRowClick={(r) => void navigate(`/questions/${r.id}`)}
        rowLabel={(r) => `Open ${r.title}`}
        minWidth={980}
        filters={
          <Stack gap="xs">
            <Group gap="sm" wrap="wrap">
              <TextInput
                placeholder="Search title, body and tags"
                aria-label="Search questions"
                leftSection={<IconSearch size={16} />}
                value={search}
                onChange={(e) => setSearch(e.currentTarget.value)}
                w={280}
              />
              <Select
                placeholder="All banks"
                aria-label="Filter by bank"
                data={(banks.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
                value={bank}
                onChange={setBank}
                clearable
                searchable
                w={220}
              />
              <Select
                placeholder="All steps"
                aria-label="Filter by step"
                data={STEP_TAGS.map((s) => ({ value: s, label: STEP_LABELS[s] }))}
                value={step}
                onChange={setStep}
                clearable
                w={200}
              />
              <Select
                placeholder="All types"
                aria-label="Filter by type"
                data={opt(TYPE_LABELS)}
                value={type}
                onChange={setType}
                clearable
                w={160}
              />
            </Group>
            <Group gap="sm" wrap="wrap">
              <Select
                placeholder="Any difficulty"
                aria-label="Filter by difficulty"
                data={['easy', 'medium', 'hard']}
                value={difficulty}
                onChange={setDifficulty}
                clearable
                w={150}
              />
              <Select
                placeholder="Any language"
                aria-label="Filter by language"
                data={(languages.data?.items ?? []).map((l) => ({ value: l.key, label: l.name }))}
                value={language}
                onChange={setLanguage}
                clearable
                w={170}
              />
              <Select
                placeholder="Enabled or not"
                aria-label="Filter by enabled"
                data={[
                  { value: 'yes', label: 'Enabled' },
                  { value: 'no', label: 'Disabled' },
                ]}
                value={enabled}
                onChange={setEnabled}
                clearable
                w={160}
              />
              <Select
                placeholder="Any verification"
                aria-label="Filter by verification"
                data={[
                  { value: 'passed', label: 'Verified' },
                  { value: 'failed', label: 'Failed' },
                  { value: 'unverified', label: 'Unverified' },
                ]}
                value={verification}
                onChange={setVerification}
                clearable
                w={170}
              />
              {canWrite && rows.length > 0 && (
                <Checkbox
                  label="Select this page"
                  checked={allOnPage}
                  onChange={(e) =>
                    setSelected((s) =>
                      e.currentTarget.checked
                        ? [...new Set([...s, ...rows.map((r) => r.id)])]
                        : s.filter((id) => !rows.some((r) => r.id === id)),
                    )
                  }
                />
              )}
            </Group>
          </Stack>
        }
        empty={
          <EmptyState title={filtered ? 'No questions match these filters' : 'No questions yet'}>
            {filtered
              ? 'Try other words or clear the filters.'
              : 'Create a bank, then write questions or import a file.'}
          </EmptyState>
        }
      />
    </>
  )
}
