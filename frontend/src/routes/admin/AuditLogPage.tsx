import {
  Badge,
  Button,
  Card,
  Code,
  Drawer,
  Grid,
  Group,
  ScrollArea,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconDownload, IconFilterOff } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { download } from '../../api/client'
import { CursorPager } from '../../components/CursorPager'
import { useCursorStack } from '../../lib/useCursorStack'
import { PageHeader } from '../../components/PageHeader'
import { EmptyState } from '../../components/states'
import { formatDateTime } from '../../lib/format'
import { errorMessage } from '../../lib/problem'
import { auditExportUrl, useAuditLog, type AuditEntry, type AuditFilters } from '../../queries/audit'
import { QueryView } from '../../components/QueryView'

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

export function AuditLogPage() {
  const [draft, setDraft] = useState({
    action: '',
    entity_type: '',
    entity_id: '',
    actor_id: '',
    since: '',
    until: '',
  })
  const [filters, setFilters] = useState<AuditFilters>({})
  const [selected, setSelected] = useState<AuditEntry | null>(null)
  const pager = useCursorStack()
  const { reset } = pager
  useEffect(reset, [filters, reset])
  const log = useAuditLog(filters, pager.cursor, PAGE_SIZE)
  const items = log.data?.items ?? []

  const apply = () =>
    setFilters({
      action: draft.action.trim() || undefined,
      entity_type: draft.entity_type.trim() || undefined,
      entity_id: draft.entity_id.trim() || undefined,
      actor_id: draft.actor_id.trim() || undefined,
      since: toIso(draft.since),
      until: toIso(draft.until),
    })
  const field = (key: keyof typeof draft) => ({
    value: draft[key],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) =>
      setDraft({ ...draft, [key]: e.currentTarget.value }),
    onKeyDown: (e: React.KeyboardEvent) => e.key === 'Enter' && apply(),
  })

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change in your organization: who, what, when, from where. Entries cannot be edited or deleted."
        actions={
          <Button
            variant="default"
            leftSection={<IconDownload size={16} />}
            onClick={() =>
              download(auditExportUrl(filters), 'audit-log.csv').catch((e) =>
                notifications.show({ color: 'red', message: errorMessage(e) }),
              )
            }
          >
            Export CSV
          </Button>
        }
      />
      <Card withBorder radius="md">
        <Grid mb="md" align="flex-end">
          <Grid.Col span={{ base: 12, sm: 6, md: 2 }}>
            <TextInput label="Action" placeholder="user.created" {...field('action')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, md: 2 }}>
            <TextInput label="Entity type" placeholder="user" {...field('entity_type')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, md: 2 }}>
            <TextInput label="Entity id" {...field('entity_id')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, md: 2 }}>
            <TextInput label="Actor id" {...field('actor_id')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, md: 2 }}>
            <TextInput label="From" type="datetime-local" {...field('since')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, md: 2 }}>
            <TextInput label="Until" type="datetime-local" {...field('until')} />
          </Grid.Col>
        </Grid>
        <Group mb="md" gap="xs">
          <Button size="xs" onClick={apply}>
            Apply filters
          </Button>
          <Button
            size="xs"
            variant="subtle"
            leftSection={<IconFilterOff size={14} />}
            onClick={() => {
              setDraft({ action: '', entity_type: '', entity_id: '', actor_id: '', since: '', until: '' })
              setFilters({})
            }}
          >
            Clear
          </Button>
        </Group>
        <QueryView
          query={log}
          isEmpty={items.length === 0}
          empty={<EmptyState title="No entries">Nothing matches these filters.</EmptyState>}
        >
          <Table.ScrollContainer minWidth={800}>
            <Table highlightOnHover verticalSpacing="xs" aria-label="Audit log entries">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Time</Table.Th>
                  <Table.Th>Actor</Table.Th>
                  <Table.Th>Action</Table.Th>
                  <Table.Th>Entity</Table.Th>
                  <Table.Th>IP</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((e) => (
                  <Table.Tr
                    key={e.id}
                    onClick={() => setSelected(e)}
                    style={{ cursor: 'pointer' }}
                    tabIndex={0}
                    onKeyDown={(k) => k.key === 'Enter' && setSelected(e)}
                    aria-label={`${e.action} by ${e.actor_label ?? e.actor_type}`}
                  >
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.created_at)}</Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <Badge
                          size="xs"
                          variant="outline"
                          color={e.actor_type === 'api_key' ? 'grape' : 'gray'}
                        >
                          {e.actor_type}
                        </Badge>
                        <Text size="sm">{e.actor_label ?? '—'}</Text>
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Code>{e.action}</Code>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{e.entity_type}</Text>
                      <Text size="xs" c="dimmed">
                        {e.entity_id}
                      </Text>
                    </Table.Td>
                    <Table.Td>{e.ip ?? '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </QueryView>
        <CursorPager
          page={pager.page}
          nextCursor={log.data?.next_cursor}
          onNext={pager.next}
          onPrevious={pager.previous}
          shown={items.length}
          pageSize={PAGE_SIZE}
        />
      </Card>
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
