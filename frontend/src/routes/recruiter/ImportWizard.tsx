import { Alert, Button, FileInput, Group, Modal, Progress, Stack, Stepper, Table, Text } from '@mantine/core'
import { IconFileSpreadsheet } from '@tabler/icons-react'
import { useState } from 'react'
import { ApiError, errorMessage, type FieldError } from '../../lib/problem'
import { useImportCandidates } from '../../queries/candidates'

type RowProblem = FieldError & { row?: number; column?: string }

/** Choose a file → validate everything (dry run) → import all rows, or fix the file with the error table. */
export function ImportWizard({ onClose }: { onClose: () => void }) {
  const [step, setStep] = useState(0)
  const [file, setFile] = useState<File | null>(null)
  const [valid, setValid] = useState(0)
  const [problems, setProblems] = useState<RowProblem[]>([])
  const [error, setError] = useState<string | null>(null)
  const [created, setCreated] = useState<number | null>(null)
  const importer = useImportCandidates()
  const busy = importer.isPending

  const run = async (dryRun: boolean) => {
    if (!file) return
    setError(null)
    setProblems([])
    try {
      const outcome = await importer.mutateAsync({ upload: file, dryRun })
      if (dryRun) {
        setValid(outcome.valid)
        setStep(1)
      } else {
        setCreated(outcome.created)
        setStep(2)
      }
    } catch (e) {
      // A file with bad rows comes back as one problem listing every row; anything else is one message.
      if (e instanceof ApiError && e.problem.errors?.some((x) => (x as RowProblem).row)) {
        setProblems(e.problem.errors as RowProblem[])
        setStep(1)
      } else setError(errorMessage(e))
    }
  }

  return (
    <Modal opened onClose={onClose} title="Import candidates" size="xl" centered>
      <Stepper active={step} size="sm" mb="lg">
        <Stepper.Step label="Choose a file" description="CSV or XLSX" />
        <Stepper.Step label="Check" description="Every row validated" />
        <Stepper.Step label="Import" description="All or nothing" />
      </Stepper>
      {busy && <Progress value={100} animated mb="md" aria-label="Working" />}
      {error && (
        <Alert color="red" mb="md" role="alert">
          {error}
        </Alert>
      )}
      {step === 0 && (
        <Stack>
          <Text size="sm">
            Columns: <b>first_name</b>, <b>last_name</b>, <b>email</b> (required), phone, location, source,
            tags (comma-separated). Up to 5,000 rows.
          </Text>
          <FileInput
            label="File"
            accept=".csv,.xlsx"
            leftSection={<IconFileSpreadsheet size={18} />}
            value={file}
            onChange={setFile}
            clearable
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button disabled={!file} loading={busy} onClick={() => run(true)}>
              Check the file
            </Button>
          </Group>
        </Stack>
      )}
      {step === 1 && problems.length > 0 && (
        <Stack>
          <Alert
            color="red"
            title={`${problems.length} problem${problems.length > 1 ? 's' : ''} — nothing was imported`}
          >
            Fix these rows in your file and check it again.
          </Alert>
          <Table.ScrollContainer minWidth={500} mah={320}>
            <Table striped aria-label="Import problems">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Row</Table.Th>
                  <Table.Th>Column</Table.Th>
                  <Table.Th>Problem</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {problems.map((p, i) => (
                  <Table.Tr key={i}>
                    <Table.Td>{p.row}</Table.Td>
                    <Table.Td>{p.column}</Table.Td>
                    <Table.Td>{p.message}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Group justify="flex-end">
            <Button
              variant="default"
              onClick={() => {
                setStep(0)
                setProblems([])
              }}
            >
              Choose another file
            </Button>
          </Group>
        </Stack>
      )}
      {step === 1 && problems.length === 0 && (
        <Stack>
          <Alert color="green" title="The file is valid">
            {valid} candidate{valid === 1 ? '' : 's'} ready to import.
          </Alert>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setStep(0)}>
              Back
            </Button>
            <Button loading={busy} onClick={() => run(false)}>
              Import {valid} candidates
            </Button>
          </Group>
        </Stack>
      )}
      {step === 2 && (
        <Stack>
          <Alert color="green" title="Imported" role="status">
            {created} candidates added to the talent pool.
          </Alert>
          <Group justify="flex-end">
            <Button onClick={onClose}>Done</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  )
}
