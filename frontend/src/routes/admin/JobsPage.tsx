import { Badge, Button, Card, Code, Group, SegmentedControl, Table, Text, Tooltip } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconRefresh } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { CursorPager } from '../../components/CursorPager'
import { useCursorStack } from '../../lib/useCursorStack'
import { PageHeader } from '../../components/PageHeader'
import { EmptyState } from '../../components/states'
import { formatDateTime } from '../../lib/format'
import { errorMessage } from '../../lib/problem'
import { useJobs, useRetryJob, type JobStatus } from '../../queries/jobs'
import { QueryView } from '../../components/QueryView'

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
  const pager = useCursorStack()
  const { reset } = pager
  useEffect(reset, [status, reset])
  const jobs = useJobs(status === 'all' ? undefined : (status as JobStatus), pager.cursor)
  const retry = useRetryJob()
  const items = jobs.data?.items ?? []
  const counts = jobs.data?.counts ?? {}

  return (
    <>
      <PageHeader
        title="Background jobs"
        description="Emails, reminders and other work running in the background. Failed jobs can be retried."
      />
      <Card withBorder radius="md">
        <Group justify="space-between" mb="md">
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
        <QueryView
          query={jobs}
          isEmpty={items.length === 0}
          empty={
            <EmptyState title="No jobs here">
              {status === 'failed'
                ? 'Nothing has failed.'
                : 'Jobs appear as the platform sends emails and reminders.'}
            </EmptyState>
          }
        >
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="xs" aria-label="Jobs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>#</Table.Th>
                  <Table.Th>Task</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Attempts</Table.Th>
                  <Table.Th>Last activity</Table.Th>
                  <Table.Th>Last error</Table.Th>
                  <Table.Th aria-label="Actions" />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((j) => (
                  <Table.Tr key={j.id}>
                    <Table.Td>{j.id}</Table.Td>
                    <Table.Td>
                      <Code>{j.task_name}</Code>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={STATUS_COLORS[j.status] ?? 'gray'}>
                        {j.status}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{j.attempts}</Table.Td>
                    <Table.Td>{formatDateTime(j.last_event_at ?? j.scheduled_at)}</Table.Td>
                    <Table.Td maw={320}>
                      {j.last_error ? (
                        <Tooltip label={j.last_error} multiline w={420}>
                          <Text size="xs" c="red.7" lineClamp={2}>
                            {j.last_error}
                          </Text>
                        </Tooltip>
                      ) : (
                        <Text size="xs" c="dimmed">
                          —
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {j.status === 'failed' && (
                        <Button
                          size="xs"
                          variant="light"
                          leftSection={<IconRefresh size={14} />}
                          loading={retry.isPending && retry.variables === j.id}
                          onClick={() =>
                            retry.mutate(j.id, {
                              onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
                            })
                          }
                        >
                          Retry
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </QueryView>
        <CursorPager
          page={pager.page}
          nextCursor={jobs.data?.next_cursor}
          onNext={pager.next}
          onPrevious={pager.previous}
          shown={items.length}
          pageSize={50}
        />
      </Card>
    </>
  )
}
