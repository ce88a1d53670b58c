import {
  ActionIcon,
  Anchor,
  Badge,
  Box,
  Divider,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core'
import { IconBell } from '@tabler/icons-react'
import { useState } from 'react'
import { Link, useNavigate } from 'react-router'
import { formatRelative } from '../lib/format'
import {
  useInbox,
  useMarkAllRead,
  useMarkRead,
  useUnreadCount,
  type Notification,
} from '../queries/notifications'
import { TYPE_COLORS } from './notificationStyle'

export function NotificationBell() {
  const [opened, setOpened] = useState(false)
  const unread = useUnreadCount()
  const recent = useInbox({ limit: 8 })
  const markRead = useMarkRead()
  const markAll = useMarkAllRead()
  const navigate = useNavigate()
  const count = unread.data?.unread ?? 0

  const open = (n: Notification) => {
    if (!n.read_at) markRead.mutate({ id: n.id, read: true })
    setOpened(false)
    if (n.action_url) void navigate(n.action_url)
  }

  return (
    <Popover opened={opened} onChange={setOpened} width={380} position="bottom-end" shadow="md" withArrow>
      {/* The popover's target is the button itself: its expanded state belongs on a button, not on the badge. */}
      <Indicator label={count > 99 ? '99+' : count} size={18} disabled={count === 0} offset={4} color="red">
        <Popover.Target>
          <ActionIcon
            variant="subtle"
            size="lg"
            aria-label={count ? `Notifications, ${count} unread` : 'Notifications'}
            onClick={() => setOpened((o) => !o)}
            data-testid="notification-bell"
          >
            <IconBell size={20} />
          </ActionIcon>
        </Popover.Target>
      </Indicator>
      <Popover.Dropdown p={0} aria-label="Recent notifications">
        <Group justify="space-between" px="md" py="sm">
          <Text fw={600}>Notifications</Text>
          <Anchor
            component="button"
            size="sm"
            disabled={count === 0}
            onClick={() => markAll.mutate(undefined)}
          >
            Mark all read
          </Anchor>
        </Group>
        <Divider />
        <ScrollArea.Autosize mah={380}>
          {recent.data?.items.length ? (
            <Stack gap={0}>
              {recent.data.items.map((n) => (
                <UnstyledButton
                  key={n.id}
                  onClick={() => open(n)}
                  px="md"
                  py="sm"
                  style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}
                >
                  <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
                    <Box style={{ minWidth: 0 }}>
                      <Text size="sm" fw={n.read_at ? 400 : 700} lineClamp={1}>
                        {n.title}
                      </Text>
                      <Text size="xs" c="dimmed" lineClamp={2}>
                        {n.message}
                      </Text>
                    </Box>
                    <Stack gap={4} align="flex-end" style={{ flexShrink: 0 }}>
                      <Badge
                        size="xs"
                        variant="light"
                        color={TYPE_COLORS[n.type]}
                        style={{ overflow: 'visible' }}
                      >
                        {n.type}
                      </Badge>
                      <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                        {formatRelative(n.created_at)}
                      </Text>
                    </Stack>
                  </Group>
                </UnstyledButton>
              ))}
            </Stack>
          ) : (
            <Text size="sm" c="dimmed" p="md" ta="center">
              {recent.isLoading ? 'Loading…' : 'You are all caught up.'}
            </Text>
          )}
        </ScrollArea.Autosize>
        <Divider />
        <Box p="sm" ta="center">
          <Anchor component={Link} to="/notifications" size="sm" onClick={() => setOpened(false)}>
            See all notifications
          </Anchor>
        </Box>
      </Popover.Dropdown>
    </Popover>
  )
}
