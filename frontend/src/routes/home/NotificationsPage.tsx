import {
  ActionIcon,
  Badge,
  Button,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Tooltip,
} from '@mantine/core'
import {
  IconArchive,
  IconArchiveOff,
  IconChecks,
  IconMail,
  IconMailOpened,
  IconSpeakerphone,
} from '@tabler/icons-react'
import { useState } from 'react'
import { useNavigate } from 'react-router'
import { PagedList } from '../../components/PagedList'
import { useCursorStack } from '../../lib/useCursorStack'
import { PRIORITY_COLORS, TYPE_COLORS } from '../../components/notificationStyle'
import { PageHeader } from '../../components/PageHeader'
import { EmptyState } from '../../components/states'
import { useAuth } from '../../lib/useAuth'
import { formatDateTime, formatRelative } from '../../lib/format'
import {
  useArchive,
  useInbox,
  useMarkAllRead,
  useMarkRead,
  type Notification,
  type NotificationType,
} from '../../queries/notifications'
import { BroadcastModal } from './BroadcastModal'

const PAGE_SIZE = 25

export function NotificationsPage() {
  const { can } = useAuth()
  const [view, setView] = useState('inbox')
  const [type, setType] = useState<string | null>(null)
  const [broadcasting, setBroadcasting] = useState(false)
  const pager = useCursorStack(`${view} ${type}`)
  const inbox = useInbox({
    archived: view === 'archive',
    unread: view === 'unread' ? true : undefined,
    type: (type as NotificationType) ?? undefined,
    cursor: pager.cursor,
    limit: PAGE_SIZE,
  })
  const markRead = useMarkRead()
  const markAll = useMarkAllRead()
  const archive = useArchive()
  const navigate = useNavigate()

  const open = (n: Notification) => {
    if (!n.read_at) markRead.mutate({ id: n.id, read: true })
    if (n.action_url) void navigate(n.action_url)
  }

  return (
    <>
      <PageHeader
        title="Notifications"
        description="Everything InterviewFlow told you. New ones arrive live."
        actions={
          <>
            {can('notifications:broadcast') && (
              <Button
                variant="default"
                leftSection={<IconSpeakerphone size={16} />}
                onClick={() => setBroadcasting(true)}
              >
                Announce
              </Button>
            )}
            <Button
              variant="light"
              leftSection={<IconChecks size={16} />}
              onClick={() => markAll.mutate(undefined)}
              loading={markAll.isPending}
            >
              Mark all read
            </Button>
          </>
        }
      />
      <PagedList
        query={inbox}
        pager={pager}
        pageSize={PAGE_SIZE}
        filters={
          <Group justify="space-between">
            <SegmentedControl
              aria-label="Which notifications"
              value={view}
              onChange={setView}
              data={[
                { label: 'Inbox', value: 'inbox' },
                { label: 'Unread', value: 'unread' },
                { label: 'Archive', value: 'archive' },
              ]}
            />
            <Select
              placeholder="All types"
              aria-label="Filter by type"
              clearable
              value={type}
              onChange={setType}
              data={['system', 'assessment', 'interview', 'application', 'proctoring']}
              w={180}
            />
          </Group>
        }
        empty={
          <EmptyState title={view === 'archive' ? 'Archive is empty' : 'You are all caught up'}>
            New notifications appear here the moment they happen.
          </EmptyState>
        }
      >
        {(items) => (
          <Stack gap={0} role="list" aria-label="Notifications">
            {items.map((n) => (
              <Group
                key={n.id}
                role="listitem"
                justify="space-between"
                wrap="nowrap"
                py="sm"
                px="xs"
                style={{
                  borderBottom: '1px solid var(--mantine-color-gray-2)',
                  background: n.read_at ? undefined : 'var(--mantine-color-indigo-0)',
                }}
              >
                <Stack
                  gap={2}
                  style={{ minWidth: 0, cursor: n.action_url ? 'pointer' : undefined }}
                  onClick={() => open(n)}
                  onKeyDown={(e) => e.key === 'Enter' && open(n)}
                  tabIndex={0}
                >
                  <Group gap="xs">
                    <Text fw={n.read_at ? 500 : 700}>{n.title}</Text>
                    <Badge size="xs" variant="light" color={TYPE_COLORS[n.type]}>
                      {n.type}
                    </Badge>
                    {n.priority !== 'normal' && (
                      <Badge size="xs" color={PRIORITY_COLORS[n.priority]}>
                        {n.priority}
                      </Badge>
                    )}
                  </Group>
                  <Text size="sm" c="dimmed">
                    {n.message}
                  </Text>
                  <Text size="xs" c="dimmed" title={formatDateTime(n.created_at)}>
                    {formatRelative(n.created_at)}
                  </Text>
                </Stack>
                <Group gap={4} wrap="nowrap">
                  <Tooltip label={n.read_at ? 'Mark unread' : 'Mark read'}>
                    <ActionIcon
                      variant="subtle"
                      aria-label={n.read_at ? `Mark “${n.title}” unread` : `Mark “${n.title}” read`}
                      onClick={() => markRead.mutate({ id: n.id, read: !n.read_at })}
                    >
                      {n.read_at ? <IconMail size={18} /> : <IconMailOpened size={18} />}
                    </ActionIcon>
                  </Tooltip>
                  <Tooltip label={n.archived_at ? 'Move to inbox' : 'Archive'}>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-label={n.archived_at ? `Unarchive “${n.title}”` : `Archive “${n.title}”`}
                      onClick={() => archive.mutate({ id: n.id, archived: !n.archived_at })}
                    >
                      {n.archived_at ? <IconArchiveOff size={18} /> : <IconArchive size={18} />}
                    </ActionIcon>
                  </Tooltip>
                </Group>
              </Group>
            ))}
          </Stack>
        )}
      </PagedList>
      {broadcasting && <BroadcastModal onClose={() => setBroadcasting(false)} />}
    </>
  )
}
