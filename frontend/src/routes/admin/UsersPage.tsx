import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Group,
  Menu,
  SegmentedControl,
  Select,
  Table,
  Text,
  TextInput,
} from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { modals } from '@mantine/modals'
import { notifications } from '@mantine/notifications'
import {
  IconDots,
  IconKey,
  IconPencil,
  IconPlayerPlay,
  IconPlayerStop,
  IconPlus,
  IconSearch,
} from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { CursorPager } from '../../components/CursorPager'
import { useCursorStack } from '../../lib/useCursorStack'
import { PageHeader } from '../../components/PageHeader'
import { SortableTh } from '../../components/SortableTh'
import { EmptyState } from '../../components/states'
import { useAuth } from '../../lib/useAuth'
import { formatDateTime, formatRelative, ROLE_LABELS } from '../../lib/format'
import { errorMessage } from '../../lib/problem'
import { useResetPassword, useSetActive, useUsers, type Role, type User } from '../../queries/users'
import { ROLE_OPTIONS } from '../../lib/users'
import { ResetPasswordModal, UserFormModal } from './UserFormModal'
import { QueryView } from '../../components/QueryView'

const PAGE_SIZE = 20
const ROLE_COLORS: Record<string, string> = {
  admin: 'red',
  recruiter: 'indigo',
  hiring_manager: 'grape',
  interviewer: 'blue',
  executive: 'yellow',
  candidate: 'teal',
}

export function UsersPage() {
  const { me } = useAuth()
  const [search, setSearch] = useState('')
  const [q] = useDebouncedValue(search.trim(), 300)
  const [role, setRole] = useState<string | null>(null)
  const [active, setActive] = useState('all')
  const [sort, setSort] = useState('-created_at')
  const pager = useCursorStack()
  const [editing, setEditing] = useState<User | null>(null)
  const [creating, setCreating] = useState(false)
  const [resetting, setResetting] = useState<User | null>(null)
  const setActiveMutation = useSetActive()
  const resetPassword = useResetPassword()
  const { reset } = pager

  useEffect(reset, [q, role, active, sort, reset])

  const users = useUsers({
    limit: PAGE_SIZE,
    cursor: pager.cursor,
    sort,
    q: q || undefined,
    role: (role as Role) ?? undefined,
    is_active: active === 'all' ? undefined : active === 'active',
  })

  const toggleActive = (user: User) =>
    modals.openConfirmModal({
      title: user.is_active ? `Deactivate ${user.full_name}?` : `Reactivate ${user.full_name}?`,
      children: (
        <Text size="sm">
          {user.is_active
            ? 'They are signed out everywhere and cannot sign in until reactivated. Their history stays.'
            : 'They can sign in again with their current password.'}
        </Text>
      ),
      labels: { confirm: user.is_active ? 'Deactivate' : 'Reactivate', cancel: 'Cancel' },
      confirmProps: { color: user.is_active ? 'red' : 'green' },
      onConfirm: () =>
        setActiveMutation.mutate(
          { id: user.id, active: !user.is_active },
          {
            onSuccess: () =>
              notifications.show({
                color: 'green',
                message: `${user.full_name} ${user.is_active ? 'deactivated' : 'reactivated'}`,
              }),
            onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
          },
        ),
    })

  const items = users.data?.items ?? []
  return (
    <>
      <PageHeader
        title="Users"
        description="People in your organization, their roles and access."
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            New user
          </Button>
        }
      />
      <Card withBorder radius="md" p="md">
        <Group mb="md" gap="sm" wrap="wrap">
          <TextInput
            placeholder="Search name or email"
            aria-label="Search users"
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            w={280}
          />
          <Select
            placeholder="All roles"
            aria-label="Filter by role"
            data={ROLE_OPTIONS}
            value={role}
            onChange={setRole}
            clearable
            w={200}
          />
          <SegmentedControl
            aria-label="Filter by status"
            value={active}
            onChange={setActive}
            data={[
              { label: 'All', value: 'all' },
              { label: 'Active', value: 'active' },
              { label: 'Deactivated', value: 'inactive' },
            ]}
          />
        </Group>
        <QueryView
          query={users}
          isEmpty={items.length === 0}
          empty={
            <EmptyState
              title={q || role || active !== 'all' ? 'No users match these filters' : 'No users yet'}
            >
              {q || role || active !== 'all'
                ? 'Try another search or clear the filters.'
                : 'Create the first user of your team.'}
            </EmptyState>
          }
        >
          <Table.ScrollContainer minWidth={760}>
            <Table highlightOnHover verticalSpacing="sm" aria-label="Users">
              <Table.Thead>
                <Table.Tr>
                  <SortableTh field="full_name" sort={sort} onSort={setSort}>
                    Name
                  </SortableTh>
                  <SortableTh field="email" sort={sort} onSort={setSort}>
                    Email
                  </SortableTh>
                  <SortableTh field="role" sort={sort} onSort={setSort}>
                    Role
                  </SortableTh>
                  <Table.Th>Status</Table.Th>
                  <SortableTh field="last_login_at" sort={sort} onSort={setSort}>
                    Last sign-in
                  </SortableTh>
                  <SortableTh field="created_at" sort={sort} onSort={setSort}>
                    Created
                  </SortableTh>
                  <Table.Th aria-label="Actions" />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody style={{ opacity: users.isPlaceholderData ? 0.6 : 1 }}>
                {items.map((u) => (
                  <Table.Tr key={u.id}>
                    <Table.Td fw={600}>{u.full_name}</Table.Td>
                    <Table.Td>{u.email}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={ROLE_COLORS[u.role] ?? 'gray'}>
                        {ROLE_LABELS[u.role]}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="dot" color={u.is_active ? 'green' : 'gray'}>
                        {u.is_active ? 'Active' : 'Deactivated'}
                      </Badge>
                    </Table.Td>
                    <Table.Td title={formatDateTime(u.last_login_at)}>
                      {formatRelative(u.last_login_at)}
                    </Table.Td>
                    <Table.Td>{formatDateTime(u.created_at)}</Table.Td>
                    <Table.Td>
                      <Menu position="bottom-end" withinPortal>
                        <Menu.Target>
                          <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${u.full_name}`}>
                            <IconDots size={18} />
                          </ActionIcon>
                        </Menu.Target>
                        <Menu.Dropdown>
                          <Menu.Item leftSection={<IconPencil size={16} />} onClick={() => setEditing(u)}>
                            Edit
                          </Menu.Item>
                          <Menu.Item leftSection={<IconKey size={16} />} onClick={() => setResetting(u)}>
                            Reset password
                          </Menu.Item>
                          {u.id !== me?.id && (
                            <Menu.Item
                              color={u.is_active ? 'red' : 'green'}
                              leftSection={
                                u.is_active ? <IconPlayerStop size={16} /> : <IconPlayerPlay size={16} />
                              }
                              onClick={() => toggleActive(u)}
                            >
                              {u.is_active ? 'Deactivate' : 'Reactivate'}
                            </Menu.Item>
                          )}
                        </Menu.Dropdown>
                      </Menu>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </QueryView>
        <CursorPager
          page={pager.page}
          nextCursor={users.data?.next_cursor}
          onNext={pager.next}
          onPrevious={pager.previous}
          total={users.data?.total}
          shown={items.length}
          pageSize={PAGE_SIZE}
        />
      </Card>
      {creating && <UserFormModal user={null} opened onClose={() => setCreating(false)} />}
      {editing && <UserFormModal key={editing.id} user={editing} opened onClose={() => setEditing(null)} />}
      <ResetPasswordModal
        user={resetting}
        onClose={() => setResetting(null)}
        busy={resetPassword.isPending}
        onSubmit={async (password) => {
          await resetPassword.mutateAsync({ id: resetting!.id, password })
          notifications.show({ color: 'green', message: `New password set for ${resetting!.full_name}` })
        }}
      />
    </>
  )
}
