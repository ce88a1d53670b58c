import {
  Badge,
  Button,
  Code,
  Drawer,
  Grid,
  Group,
  ScrollArea,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconDownload, IconFilterOff } from '@tabler/icons-react'
import { useState } from 'react'
import { download } from '../../api/client'
import { PageHeader } from '../../components/PageHeader'
import { PagedTable, type Column } from '../../components/PagedTable'
import { EmptyState } from '../../components/states'
import { formatDateTime } from '../../lib/format'
import { notifyError } from '../../lib/notify'
import { useCursorStack } from '../../lib/useCursorStack'
import { auditExportUrl, useAuditLog, type AuditEntry, type AuditFilters } from '../../queries/audit'

const PAGE_SIZE = 50

function JsonBlock({ value }: { value: unknown }) {
  return value ? (
    <Code block>{JSON.stringify(value, null, 2)}</Code>
  ) : (
    <Text size="sm" c="dimmed">
      —
    </Text>
  )
}

function toIso(local: string): string | undefined {
  return local ? new Date(local).toISOString() : undefined
}

const NO_FILTERS = { action: '', entity_type: '', entity_id: '', actor_id: '', since: '', until: '' }

const COLUMNS: Column<AuditEntry>[] = [
  { header: 'Time', render: (e) => formatDateTime(e.created_at), td: { style: { whiteSpace: 'nowrap' } } },
  {
    header: 'Actor',
    render: (e) => (
      <Group gap={6} wrap="nowrap">
        <Badge size="xs" variant="outline" color={e.actor_type === 'api_key' ? 'grape' : 'gray'}>
          {e.actor_type}
        </Badge>
        <Text size="sm">{e.actor_label ?? '—'}</Text>
      </Group>
    ),
  },
  { header: 'Action', render: (e) => <Code>{e.action}</Code> },
  {
    header: 'Entity',
    render: (e) => (
      <>
        <Text size="sm">{e.entity_type}</Text>
        <Text size="xs" c="dimmed">
          {e.entity_id}
        </Text>
      </>
    ),
  },
  { header: 'IP', render: (e) => e.ip ?? '—' },
]

export function AuditLogPage() {
  const draft = useForm({ initialValues: NO_FILTERS })
  const [filters, setFilters] = useState<AuditFilters>({})
  const [selected, setSelected] = useState<AuditEntry | null>(null)
  const pager = useCursorStack(JSON.stringify(filters))
  const log = useAuditLog(filters, pager.cursor, PAGE_SIZE)

  const apply = draft.onSubmit((v) =>
    setFilters({
      action: v.action.trim() || undefined,
      entity_type: v.entity_type.trim() || undefined,
      entity_id: v.entity_id.trim() || undefined,
      actor_id: v.actor_id.trim() || undefined,
      since: toIso(v.since),
      until: toIso(v.until),
    }),
  )

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change in your organization: who, what, when, from where. Entries cannot be edited or deleted."
        actions={
          <Button
            variant="default"
            leftSection={<IconDownload size={16} />}
            onClick={() => download(auditExportUrl(filters), 'audit-log.csv').catch(notifyError)}
          >
            Export CSV
          </Button>
        }
      />
      <PagedTable
        label="Audit log entries"
        query={log}
        pager={pager}
        pageSize={PAGE_SIZE}
        columns={COLUMNS}
        rowKey={(e) => e.id}
        verticalSpacing="xs"
        minWidth={800}
        onRowClick={setSelected}
        rowLabel={(e) => `${e.action} by ${e.actor_label ?? e.actor_type}`}
        filters={
          <form onSubmit={apply} aria-label="Filter the audit log">
            <Grid mb="md" align="flex-end">
              <Grid.Col span={{ base: 12, sm: 6, md: 2 }}>
                <TextInput label="Action" placeholder="user.created" {...draft.getInputProps('action')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6, md: 2 }}>
                <TextInput label="Entity type" placeholder="user" {...draft.getInputProps('entity_type')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6, md: 2 }}>
                <TextInput label="Entity id" {...draft.getInputProps('entity_id')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6, md: 2 }}>
                <TextInput label="Actor id" {...draft.getInputProps('actor_id')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6, md: 2 }}>
                <TextInput label="From" type="datetime-local" {...draft.getInputProps('since')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6, md: 2 }}>
                <TextInput label="Until" type="datetime-local" {...draft.getInputProps('until')} />
              </Grid.Col>
            </Grid>
            <Group gap="xs">
              <Button size="xs" type="submit">
                Apply filters
              </Button>
              <Button
                size="xs"
                variant="subtle"
                leftSection={<IconFilterOff size={14} />}
                onClick={() => {
                  draft.setValues(NO_FILTERS)
                  setFilters({})
                }}
              >
                Clear
              </Button>
            </Group>
          </form>
        }
        empty={<EmptyState title="No entries">Nothing matches these filters.</EmptyState>}
      />
      <Drawer
        opened={!!selected}
        onClose={() => setSelected(null)}
        position="right"
        size="xl"
        title={
          selected ? (
            <Title order={2} size="h4">
              {selected.action}
            </Title>
          ) : null
        }
      >
        {selected && (
          <ScrollArea>
            <Stack>
              <Grid>
                <Grid.Col span={6}>
                  <Text size="xs" c="dimmed">
                    When
                  </Text>
                  <Text size="sm">{formatDateTime(selected.created_at)}</Text>
                </Grid.Col>
                <Grid.Col span={6}>
                  <Text size="xs" c="dimmed">
                    Actor
                  </Text>
                  <Text size="sm">{selected.actor_label ?? selected.actor_type}</Text>
                </Grid.Col>
                <Grid.Col span={6}>
                  <Text size="xs" c="dimmed">
                    Entity
                  </Text>
                  <Text size="sm">
                    {selected.entity_type} {selected.entity_id}
                  </Text>
                </Grid.Col>
                <Grid.Col span={6}>
                  <Text size="xs" c="dimmed">
                    Request id
                  </Text>
                  <Text size="sm">{selected.request_id ?? '—'}</Text>
                </Grid.Col>
                <Grid.Col span={6}>
                  <Text size="xs" c="dimmed">
                    IP
                  </Text>
                  <Text size="sm">{selected.ip ?? '—'}</Text>
                </Grid.Col>
                <Grid.Col span={6}>
                  <Text size="xs" c="dimmed">
                    User agent
                  </Text>
                  <Text size="sm" lineClamp={2}>
                    {selected.user_agent ?? '—'}
                  </Text>
                </Grid.Col>
              </Grid>
              <Grid>
                <Grid.Col span={6}>
                  <Text fw={600} mb={4}>
                    Before
                  </Text>
                  <JsonBlock value={selected.before} />
                </Grid.Col>
                <Grid.Col span={6}>
                  <Text fw={600} mb={4}>
                    After
                  </Text>
                  <JsonBlock value={selected.after} />
                </Grid.Col>
              </Grid>
            </Stack>
          </ScrollArea>
        )}
      </Drawer>
    </>
  )
}
