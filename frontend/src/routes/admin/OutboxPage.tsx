import { Badge, Drawer, Group, Select, Stack, Tabs, Text, TextInput, Title } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconPaperclip, IconSearch } from '@tabler/icons-react'
import { useState } from 'react'
import { PageHeader } from '../../components/PageHeader'
import { PagedTable, type Column } from '../../components/PagedTable'
import { EmptyState, ErrorState, LoadingRows } from '../../components/states'
import { formatDateTime } from '../../lib/format'
import { useCursorStack } from '../../lib/useCursorStack'
import { useEmail, useOutbox, type EmailStatus, type EmailSummary } from '../../queries/email'

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
            <Text size="sm" c="red">
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

const COLUMNS: Column<EmailSummary>[] = [
  { header: 'To', render: (m) => m.to_address },
  { header: 'Subject', render: (m) => m.subject, td: { fw: 500 } },
  {
    header: 'Template',
    render: (m) => (
      <Text size="xs" c="dimmed">
        {m.template_key}
      </Text>
    ),
  },
  {
    header: 'Status',
    render: (m) => (
      <Badge variant="light" color={EMAIL_STATUS_COLORS[m.status]}>
        {m.status}
      </Badge>
    ),
  },
  { header: 'Created', render: (m) => formatDateTime(m.created_at), td: { style: { whiteSpace: 'nowrap' } } },
]

export function OutboxPage() {
  const [search, setSearch] = useState('')
  const [q] = useDebouncedValue(search.trim(), 300)
  const [status, setStatus] = useState<string | null>(null)
  const [selected, setSelected] = useState<string | null>(null)
  const filters = { q: q || undefined, status: (status as EmailStatus) ?? undefined }
  const pager = useCursorStack(JSON.stringify(filters))
  const outbox = useOutbox({ ...filters, cursor: pager.cursor })

  return (
    <>
      <PageHeader
        title="Outbox"
        description="Every email the platform produced. Without an SMTP server they are captured here instead of being sent."
      />
      <PagedTable
        label="Emails"
        query={outbox}
        pager={pager}
        pageSize={50}
        columns={COLUMNS}
        rowKey={(m) => m.id}
        minWidth={760}
        onRowClick={(m) => setSelected(m.id)}
        filters={
          <Group>
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
        }
        empty={
          <EmptyState title={q || status ? 'No emails match' : 'No emails yet'}>
            Emails appear when the platform invites, reminds or informs someone.
          </EmptyState>
        }
      />
      <MessageDrawer id={selected} onClose={() => setSelected(null)} />
    </>
  )
}
