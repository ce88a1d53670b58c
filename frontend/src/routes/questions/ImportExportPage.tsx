import {
  Alert,
  Button,
  Card,
  FileInput,
  Grid,
  Group,
  MultiSelect,
  Progress,
  SegmentedControl,
  Select,
  Stack,
  Stepper,
  Table,
  Text,
  Title,
} from '@mantine/core'
import { IconDownload, IconFileUpload } from '@tabler/icons-react'
import { useState } from 'react'
import { download } from '../../api/client'
import { PageHeader } from '../../components/PageHeader'
import { PagedTable, type Column } from '../../components/PagedTable'
import { EmptyState } from '../../components/states'
import { formatDateTime } from '../../lib/format'
import { notifyError, notifySuccess } from '../../lib/notify'
import { ApiError, errorMessage } from '../../lib/problem'
import { useCursorStack } from '../../lib/useCursorStack'
import {
  EXPORT_FILE,
  exportUrl,
  useAllBanks,
  useBackups,
  useCreateBackup,
  useImportQuestions,
  type Backup,
  type ImportProblem,
  type ImportResult,
} from '../../queries/questions'
import { QuestionsTabs } from './shared'

export function ImportExportPage() {
  return (
    <>
      <PageHeader
        title="Import and export questions"
        description="Bring questions in from JSON, CSV or XLSX, take them out, and restore a backup."
      />
      <QuestionsTabs />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <ImportWizard />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <ExportCard />
        </Grid.Col>
      </Grid>
      <Backups />
    </>
  )
}

const counted = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

/** Choose a file → every question validated (dry run) → import all of them, or fix the file with the report. */
function ImportWizard() {
  const banks = useAllBanks()
  const importer = useImportQuestions()
  const [step, setStep] = useState(0)
  const [upload, setUpload] = useState<File | null>(null)
  const [testCases, setTestCases] = useState<File | null>(null)
  const [bankId, setBankId] = useState<string | null>(null)
  const [checked, setChecked] = useState<ImportResult | null>(null)
  const [done, setDone] = useState<ImportResult | null>(null)
  const [problems, setProblems] = useState<ImportProblem[]>([])
  const [summary, setSummary] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const csv = upload?.name.toLowerCase().endsWith('.csv')

  const reset = () => {
    setStep(0)
    setProblems([])
    setSummary(null)
    setError(null)
    setChecked(null)
    setDone(null)
  }
  const run = async (dryRun: boolean) => {
    if (!upload) return
    setError(null)
    setProblems([])
    try {
      const result = await importer.mutateAsync({ upload, testCases: csv ? testCases : null, dryRun, bankId })
      if (dryRun) setChecked(result)
      else setDone(result)
      setStep(dryRun ? 1 : 2)
    } catch (e) {
      // A file with problems is one 422 that names the sheet, row and column of each (nothing was imported).
      const rows =
        e instanceof ApiError ? (e.problem.errors as unknown as ImportProblem[] | undefined) : undefined
      if (rows?.length && rows.some((r) => 'sheet' in r || 'row' in r)) {
        setProblems(rows)
        setSummary(errorMessage(e))
        setStep(1)
      } else setError(errorMessage(e))
    }
  }

  return (
    <Card withBorder padding="md" h="100%">
      <Title order={2} size="h4" mb="sm">
        Import
      </Title>
      <Stepper active={step} size="sm" mb="md">
        <Stepper.Step label="Choose a file" description="JSON, XLSX or CSV" />
        <Stepper.Step label="Check" description="Every question validated" />
        <Stepper.Step label="Import" description="All or nothing" />
      </Stepper>
      {importer.isPending && <Progress value={100} animated mb="md" aria-label="Working" />}
      {error && (
        <Alert color="red" mb="md" role="alert">
          {error}
        </Alert>
      )}
      {step === 0 && (
        <Stack>
          <Text size="sm">
            <b>JSON</b> carries everything (coding questions with harnesses, references and test cases; see
            the API guide). <b>XLSX</b> has a <i>questions</i> sheet and a <i>test_cases</i> sheet; <b>CSV</b>{' '}
            a questions file and, for coding questions, a test cases file (or the export&apos;s ZIP). Rows
            with an <i>id</i> update that question. The banks touched are backed up first.
          </Text>
          <FileInput
            label="File"
            accept=".json,.xlsx,.csv,.zip"
            leftSection={<IconFileUpload size={18} />}
            value={upload}
            onChange={setUpload}
            clearable
          />
          {csv && (
            <FileInput
              label="Test cases CSV (coding questions only)"
              accept=".csv"
              value={testCases}
              onChange={setTestCases}
              clearable
            />
          )}
          <Select
            label="Bank for rows without one"
            description="CSV and XLSX rows may leave the bank column empty."
            placeholder="None"
            data={(banks.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
            value={bankId}
            onChange={setBankId}
            clearable
            searchable
          />
          <Group justify="flex-end">
            <Button disabled={!upload} loading={importer.isPending} onClick={() => void run(true)}>
              Check the file
            </Button>
          </Group>
        </Stack>
      )}
      {step === 1 && problems.length > 0 && (
        <Stack>
          <Alert color="red" title={summary ?? 'Problems in the file'} role="alert">
            Nothing was imported. Fix these rows and fields in your file and check it again.
          </Alert>
          <Table.ScrollContainer minWidth={500} mah={360}>
            <Table striped aria-label="Import problems" fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Sheet</Table.Th>
                  <Table.Th>Row</Table.Th>
                  <Table.Th>Field</Table.Th>
                  <Table.Th>Problem</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {problems.map((p, i) => (
                  <Table.Tr key={i}>
                    <Table.Td>{p.sheet}</Table.Td>
                    <Table.Td>{p.row ?? '—'}</Table.Td>
                    <Table.Td>
                      <Text size="sm" ff="monospace">
                        {p.column}
                      </Text>
                    </Table.Td>
                    <Table.Td>{p.message}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Group justify="flex-end">
            <Button variant="default" onClick={reset}>
              Choose another file
            </Button>
          </Group>
        </Stack>
      )}
      {step === 1 && checked && problems.length === 0 && (
        <Stack>
          <Alert color="green" title="The file is valid">
            {counted(checked.created, 'question')} to create, {checked.updated} to update, {checked.unchanged}{' '}
            unchanged
            {checked.banks_created.length > 0 && `; new banks: ${checked.banks_created.join(', ')}`}.
          </Alert>
          <Warnings warnings={checked.warnings} />
          <Group justify="flex-end">
            <Button variant="default" onClick={reset}>
              Back
            </Button>
            <Button loading={importer.isPending} onClick={() => void run(false)}>
              Import {counted(checked.created + checked.updated, 'question')}
            </Button>
          </Group>
        </Stack>
      )}
      {step === 2 && done && (
        <Stack>
          <Alert color="green" title="Imported" role="status">
            {counted(done.created, 'question')} created, {done.updated} updated.{' '}
            {done.backup_id && 'The banks were backed up first (see Backups below).'} Coding questions are
            enabled once Verify passes.
          </Alert>
          <Group justify="flex-end">
            <Button
              onClick={() => {
                setUpload(null)
                setTestCases(null)
                reset()
              }}
            >
              Import another file
            </Button>
          </Group>
        </Stack>
      )}
    </Card>
  )
}

function Warnings({ warnings }: { warnings: ImportProblem[] }) {
  if (!warnings.length) return null
  return (
    <Alert color="yellow" title={counted(warnings.length, 'warning')}>
      <Stack gap={2}>
        {warnings.slice(0, 20).map((w, i) => (
          <Text key={i} size="sm">
            {w.sheet} row {w.row ?? '—'}, {w.column}: {w.message}
          </Text>
        ))}
      </Stack>
    </Alert>
  )
}

function ExportCard() {
  const banks = useAllBanks()
  const [format, setFormat] = useState<'json' | 'xlsx' | 'csv'>('json')
  const [bankIds, setBankIds] = useState<string[]>([])
  return (
    <Card withBorder padding="md" h="100%">
      <Title order={2} size="h4" mb="sm">
        Export
      </Title>
      <Stack>
        <SegmentedControl
          aria-label="Export format"
          value={format}
          onChange={(f) => setFormat(f as typeof format)}
          data={[
            { value: 'json', label: 'JSON' },
            { value: 'xlsx', label: 'XLSX' },
            { value: 'csv', label: 'CSV (ZIP)' },
          ]}
        />
        <Text size="sm" c="dimmed">
          JSON keeps everything and imports back as it was; XLSX and CSV suit spreadsheets (their coding test
          cases sit in a second sheet or file).
        </Text>
        <MultiSelect
          label="Banks"
          placeholder={bankIds.length ? undefined : 'Every bank'}
          data={(banks.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
          value={bankIds}
          onChange={setBankIds}
          searchable
          clearable
        />
        <Group justify="flex-end">
          <Button
            leftSection={<IconDownload size={16} />}
            onClick={() => download(exportUrl(format, bankIds), EXPORT_FILE[format]).catch(notifyError)}
          >
            Export
          </Button>
        </Group>
      </Stack>
    </Card>
  )
}

function Backups() {
  const pager = useCursorStack('backups')
  const backups = useBackups(pager.cursor)
  const backup = useCreateBackup()
  const columns: Column<Backup>[] = [
    { header: 'Taken', render: (b) => formatDateTime(b.created_at) },
    { header: 'Why', render: (b) => (b.reason === 'import' ? 'Before an import' : 'On demand') },
    { header: 'Banks', render: (b) => b.bank_names.join(', ') || '—', td: { maw: 360 } },
    { header: 'Questions', render: (b) => b.question_count },
    {
      header: 'Download',
      hiddenHeader: true,
      render: (b) => (
        <Button
          size="xs"
          variant="light"
          leftSection={<IconDownload size={14} />}
          aria-label={`Download the backup of ${formatDateTime(b.created_at)}`}
          onClick={() =>
            download(
              `/api/v1/question-backups/${b.id}/download`,
              `questions-backup-${b.created_at.slice(0, 10)}.json`,
            ).catch(notifyError)
          }
        >
          JSON
        </Button>
      ),
    },
  ]
  return (
    <Stack gap="xs" mt="lg">
      <Group justify="space-between">
        <Title order={2} size="h4">
          Backups
        </Title>
        <Button
          variant="default"
          size="xs"
          loading={backup.isPending}
          onClick={() =>
            backup.mutate(null, {
              onSuccess: () => notifySuccess('Every bank backed up'),
              onError: notifyError,
            })
          }
        >
          Back up every bank now
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        Importing a backup&apos;s JSON restores its banks&apos; questions as they were.
      </Text>
      <PagedTable
        label="Backups"
        query={backups}
        pager={pager}
        pageSize={20}
        columns={columns}
        rowKey={(b) => b.id}
        minWidth={640}
        empty={
          <EmptyState title="No backups yet">Each import backs up the banks it changes first.</EmptyState>
        }
      />
    </Stack>
  )
}
