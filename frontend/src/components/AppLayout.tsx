import {
  AppShell,
  Avatar,
  Badge,
  Burger,
  Group,
  Menu,
  NavLink,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { ModalsProvider } from '@mantine/modals'
import { IconChevronDown, IconLogout } from '@tabler/icons-react'
import { Suspense, useCallback } from 'react'
import { Link, Outlet, useLocation, useNavigate } from 'react-router'
import { useAuth } from '../lib/useAuth'
import { ROLE_LABELS } from '../lib/format'
import { useLiveNotifications } from '../lib/liveNotifications'
import { navFor, type NavItem } from '../lib/nav'
import { useMarkRead, type Notification } from '../queries/notifications'
import { NotificationBell } from './NotificationBell'
import { LoadingRows } from './states'

const SECTION_TITLES: Record<NavItem['section'], string | null> = {
  main: null,
  admin: 'Administration',
  platform: 'Platform',
}

export function AppLayout() {
  const { me, logout } = useAuth()
  const [opened, { toggle, close }] = useDisclosure()
  const location = useLocation()
  const navigate = useNavigate()
  const markRead = useMarkRead()
  const { mutate: markAsRead } = markRead
  const openNotification = useCallback(
    (n: Notification) => {
      markAsRead({ id: n.id, read: true })
      if (n.action_url) void navigate(n.action_url)
    },
    [markAsRead, navigate],
  )
  useLiveNotifications(!!me, openNotification)
  if (!me) return null
  const items = navFor(me.permissions)
  const initials = me.full_name
    .split(' ')
    .map((p) => p[0])
    .slice(0, 2)
    .join('')

  return (
    <ModalsProvider>
      <AppShell
        header={{ height: 60 }}
        navbar={{ width: 250, breakpoint: 'sm', collapsed: { mobile: !opened } }}
        padding="lg"
      >
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between">
            <Group gap="sm">
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label="Toggle navigation"
              />
              <Text fw={800} size="lg" c="indigo" component={Link} to="/" style={{ textDecoration: 'none' }}>
                InterviewFlow
              </Text>
              {me.organization_name && (
                <Badge variant="light" color="gray" visibleFrom="xs">
                  {me.organization_name}
                </Badge>
              )}
            </Group>
            <Group gap="sm">
              {me.permissions.includes('notifications:read') && <NotificationBell />}
              <Menu position="bottom-end" width={220} shadow="md">
                <Menu.Target>
                  {/* Named by its visible text (name and role); the initials alone on small screens. */}
                  <UnstyledButton data-testid="user-menu">
                    <Group gap="xs">
                      <Avatar color="indigo" radius="xl" size="sm">
                        {initials}
                      </Avatar>
                      <Stack gap={0} visibleFrom="sm">
                        <Text size="sm" fw={600} lh={1.2}>
                          {me.full_name}
                        </Text>
                        <Text size="xs" c="dimmed" lh={1.2}>
                          {ROLE_LABELS[me.role]}
                        </Text>
                      </Stack>
                      <IconChevronDown size={14} />
                    </Group>
                  </UnstyledButton>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Label>{me.email}</Menu.Label>
                  <Menu.Item
                    leftSection={<IconLogout size={16} />}
                    onClick={() => void logout().then(() => navigate('/login'))}
                  >
                    Sign out
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="sm" aria-label="Main navigation">
          <ScrollArea>
            {(['main', 'admin', 'platform'] as const).map((section) => {
              const sectionItems = items.filter((i) => i.section === section)
              if (!sectionItems.length) return null
              return (
                <Stack key={section} gap={2} mb="md">
                  {SECTION_TITLES[section] && (
                    <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" mb={4}>
                      {SECTION_TITLES[section]}
                    </Text>
                  )}
                  {sectionItems.map((item) => (
                    <NavLink
                      key={item.to}
                      component={Link}
                      to={item.to}
                      label={item.label}
                      leftSection={<item.icon size={18} stroke={1.7} />}
                      active={
                        item.to === '/' ? location.pathname === '/' : location.pathname.startsWith(item.to)
                      }
                      onClick={close}
                      variant="light"
                      style={{ borderRadius: 6 }}
                    />
                  ))}
                </Stack>
              )
            })}
          </ScrollArea>
        </AppShell.Navbar>
        <AppShell.Main bg="gray.0">
          {/* A page of an area not loaded yet: the shell stays, the content shows progress. */}
          <Suspense fallback={<LoadingRows />}>
            <Outlet />
          </Suspense>
        </AppShell.Main>
      </AppShell>
    </ModalsProvider>
  )
}
