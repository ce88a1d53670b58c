import { Badge, Button, Code, Group, SegmentedControl, Text, Tooltip } from '@mantine/core'
import { IconRefresh } from '@tabler/icons-react'
import { useState } from 'react'
import { PageHeader } from '../../components/PageHeader'
import { PagedTable, type Column } from '../../components/PagedTable'
import { EmptyState } from '../../components/states'
import { formatDateTime } from '../../lib/format'
import { notifyError } from '../../lib/notify'
import { useCursorStack } from '../../lib/useCursorStack'
import { useJobs, useRetryJob, type Job, type JobStatus } from '../../queries/jobs'

const STATUS_COLORS: Record<string, string> = {
  todo: 'blue',
  doing: 'indigo',
  succeeded: 'green',
  failed: 'red',
  cancelled: 'gray',
  aborted: 'gray',
  aborting: 'orange',
}
const FILTERS: { label: string; value: string }[] = [
  { label: 'All', value: 'all' },
  { label: 'Queued', value: 'todo' },
  { label: 'Running', value: 'doing' },
  { label: 'Failed', value: 'failed' },
  { label: 'Succeeded', value: 'succeeded' },
]

export function JobsPage() {
  const [status, setStatus] = useState('all')
  const pager = useCursorStack(status)
  const jobs = useJobs(status === 'all' ? undefined : (status as JobStatus), pager.cursor)
  const retry = useRetryJob()
  const counts = jobs.data?.counts ?? {}

  const columns: Column<Job>[] = [
    { header: '#', render: (j) => j.id },
    { header: 'Task', render: (j) => <Code>{j.task_name}</Code> },
    {
      header: 'Status',
      render: (j) => (
        <Badge variant="light" color={STATUS_COLORS[j.status] ?? 'gray'}>
          {j.status}
        </Badge>
      ),
    },
    { header: 'Attempts', render: (j) => j.attempts },
    { header: 'Last activity', render: (j) => formatDateTime(j.last_event_at ?? j.scheduled_at) },
    {
      header: 'Last error',
      td: { maw: 320 },
      render: (j) =>
        j.last_error ? (
          <Tooltip label={j.last_error} multiline w={420}>
            <Text size="xs" c="red" lineClamp={2}>
              {j.last_error}
            </Text>
          </Tooltip>
        ) : (
          <Text size="xs" c="dimmed">
            —
          </Text>
        ),
    },
    {
      header: 'Actions',
      hiddenHeader: true,
      render: (j) =>
        j.status === 'failed' && (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconRefresh size={14} />}
            loading={retry.isPending && retry.variables === j.id}
            onClick={() => retry.mutate(j.id, { onError: notifyError })}
          >
            Retry
          </Button>
        ),
    },
  ]

  return (
    <>
      <PageHeader
        title="Background jobs"
        description="Emails, reminders and other work running in the background. Failed jobs can be retried."
      />
      <PagedTable
        label="Jobs"
        query={jobs}
        pager={pager}
        pageSize={50}
        columns={columns}
        rowKey={(j) => j.id}
        verticalSpacing="xs"
        minWidth={760}
        filters={
          <Group justify="space-between">
            <SegmentedControl
              aria-label="Filter jobs by status"
              value={status}
              onChange={setStatus}
              data={FILTERS.map((f) => ({
                value: f.value,
                label: f.value === 'all' ? f.label : `${f.label} ${counts[f.value] ?? 0}`,
              }))}
            />
            <Text size="xs" c="dimmed">
              Refreshes every 5 s
            </Text>
          </Group>
        }
        empty={
          <EmptyState title="No jobs here">
            {status === 'failed'
              ? 'Nothing has failed.'
              : 'Jobs appear as the platform sends emails and reminders.'}
          </EmptyState>
        }
      />
    </>
  )
}
