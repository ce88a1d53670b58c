import { Badge, Card, Drawer, Group, Select, Stack, Table, Tabs, Text, TextInput, Title } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconPaperclip, IconSearch } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { CursorPager } from '../../components/CursorPager'
import { useCursorStack } from '../../lib/useCursorStack'
import { PageHeader } from '../../components/PageHeader'
import { EmptyState, ErrorState, LoadingRows } from '../../components/states'
import { formatDateTime } from '../../lib/format'
import { useEmail, useOutbox, type EmailStatus } from '../../queries/email'
import { QueryView } from '../../components/QueryView'

const EMAIL_STATUS_COLORS: Record<string, string> = {
  queued: 'blue',
  sending: 'indigo',
  sent: 'green',
  failed: 'red',
  captured: 'grape',
}

function MessageDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const message = useEmail(id)
  const m = message.data
  return (
    <Drawer
      opened={!!id}
      onClose={onClose}
      position="right"
      size="xl"
      title={
        <Title order={2} size="h4">
          {m?.subject ?? 'Email'}
        </Title>
      }
    >
      {message.isError ? (
        <ErrorState error={message.error} />
      ) : !m ? (
        <LoadingRows rows={4} />
      ) : (
        <Stack>
          <Group gap="lg">
            <div>
              <Text size="xs" c="dimmed">
                To
              </Text>
              <Text size="sm">{m.to_address}</Text>
            </div>
            <div>
              <Text size="xs" c="dimmed">
                Status
              </Text>
              <Badge variant="light" color={EMAIL_STATUS_COLORS[m.status]}>
                {m.status}
              </Badge>
            </div>
            <div>
              <Text size="xs" c="dimmed">
                Template
              </Text>
              <Text size="sm">{m.template_key ?? '—'}</Text>
            </div>
            <div>
              <Text size="xs" c="dimmed">
                Created
              </Text>
              <Text size="sm">{formatDateTime(m.created_at)}</Text>
            </div>
          </Group>
          {m.last_error && (
            <Text size="sm" c="red.7">
              Last error: {m.last_error}
            </Text>
          )}
          {m.attachments.length > 0 && (
            <Group gap="xs">
              {m.attachments.map((a) => (
                <Badge key={a.filename} leftSection={<IconPaperclip size={12} />} variant="outline">
                  {a.filename} · {Math.ceil(a.size / 1024)} KB
                </Badge>
              ))}
            </Group>
          )}
          <Tabs defaultValue="html">
            <Tabs.List>
              <Tabs.Tab value="html">Rendered</Tabs.Tab>
              <Tabs.Tab value="text">Plain text</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="html" pt="sm">
              {/* Sandboxed: no scripts, no same-origin access, whatever a template contains. */}
              <iframe
                title="Email preview"
                sandbox=""
                srcDoc={m.body_html}
                style={{
                  width: '100%',
                  height: 480,
                  border: '1px solid var(--mantine-color-gray-3)',
                  borderRadius: 8,
                  background: 'white',
                }}
              />
            </Tabs.Panel>
            <Tabs.Panel value="text" pt="sm">
              <Text component="pre" size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {m.body_text}
              </Text>
            </Tabs.Panel>
          </Tabs>
        </Stack>
      )}
    </Drawer>
  )
}

export function OutboxPage() {
  const [search, setSearch] = useState('')
  const [q] = useDebouncedValue(search.trim(), 300)
  const [status, setStatus] = useState<string | null>(null)
  const [selected, setSelected] = useState<string | null>(null)
  const pager = useCursorStack()
  const { reset } = pager
  useEffect(reset, [q, status, reset])
  const outbox = useOutbox({
    q: q || undefined,
    status: (status as EmailStatus) ?? undefined,
    cursor: pager.cursor,
  })
  const items = outbox.data?.items ?? []

  return (
    <>
      <PageHeader
        title="Outbox"
        description="Every email the platform produced. Without an SMTP server they are captured here instead of being sent."
      />
      <Card withBorder radius="md">
        <Group mb="md">
          <TextInput
            placeholder="Search recipient or subject"
            aria-label="Search emails"
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            w={300}
          />
          <Select
            placeholder="Any status"
            aria-label="Filter by status"
            data={['queued', 'sending', 'sent', 'failed', 'captured']}
            value={status}
            onChange={setStatus}
            clearable
            w={180}
          />
        </Group>
        <QueryView
          query={outbox}
          isEmpty={items.length === 0}
          empty={
            <EmptyState title={q || status ? 'No emails match' : 'No emails yet'}>
              Emails appear when the platform invites, reminds or informs someone.
            </EmptyState>
          }
        >
          <Table.ScrollContainer minWidth={760}>
            <Table highlightOnHover verticalSpacing="sm" aria-label="Emails">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>To</Table.Th>
                  <Table.Th>Subject</Table.Th>
                  <Table.Th>Template</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Created</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((m) => (
                  <Table.Tr
                    key={m.id}
                    onClick={() => setSelected(m.id)}
                    onKeyDown={(e) => e.key === 'Enter' && setSelected(m.id)}
                    tabIndex={0}
                    style={{ cursor: 'pointer' }}
                  >
                    <Table.Td>{m.to_address}</Table.Td>
                    <Table.Td fw={500}>{m.subject}</Table.Td>
                    <Table.Td>
                      <Text size="xs" c="dimmed">
                        {m.template_key}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={EMAIL_STATUS_COLORS[m.status]}>
                        {m.status}
                      </Badge>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(m.created_at)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </QueryView>
        <CursorPager
          page={pager.page}
          nextCursor={outbox.data?.next_cursor}
          onNext={pager.next}
          onPrevious={pager.previous}
          total={outbox.data?.total}
          shown={items.length}
          pageSize={50}
        />
      </Card>
      <MessageDrawer id={selected} onClose={() => setSelected(null)} />
    </>
  )
}
