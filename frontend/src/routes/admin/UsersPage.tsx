import { ActionIcon, Badge, Button, Menu, Select, Text } from '@mantine/core'
import { modals } from '@mantine/modals'
import { IconDots, IconKey, IconPencil, IconPlayerPlay, IconPlayerStop, IconPlus } from '@tabler/icons-react'
import { useState } from 'react'
import { ListToolbar } from '../../components/ListToolbar'
import { PageHeader } from '../../components/PageHeader'
import { PagedTable, type Column } from '../../components/PagedTable'
import { EmptyState } from '../../components/states'
import { useAuth } from '../../lib/useAuth'
import { formatDateTime, formatRelative, ROLE_LABELS } from '../../lib/format'
import { notifyError, notifySuccess } from '../../lib/notify'
import { useCursorStack } from '../../lib/useCursorStack'
import { useResetPassword, useSetActive, useUsers, type Role, type User } from '../../queries/users'
import { ROLE_OPTIONS } from '../../lib/users'
import { ResetPasswordModal, UserFormModal } from './UserFormModal'

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
  const [q, setQ] = useState('')
  const [role, setRole] = useState<string | null>(null)
  const [active, setActive] = useState('all')
  const [sort, setSort] = useState('-created_at')
  const [editing, setEditing] = useState<User | null>(null)
  const [creating, setCreating] = useState(false)
  const [resetting, setResetting] = useState<User | null>(null)
  const setActiveMutation = useSetActive()
  const resetPassword = useResetPassword()
  const filters = {
    sort,
    q: q || undefined,
    role: role ? [role as Role] : undefined,
    is_active: active === 'all' ? undefined : active === 'active',
  }
  const pager = useCursorStack(JSON.stringify(filters))
  const users = useUsers({ ...filters, limit: PAGE_SIZE, cursor: pager.cursor })

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
              notifySuccess(`${user.full_name} ${user.is_active ? 'deactivated' : 'reactivated'}`),
            onError: notifyError,
          },
        ),
    })

  const columns: Column<User>[] = [
    { header: 'Name', sort: 'full_name', render: (u) => u.full_name, td: { fw: 600 } },
    { header: 'Email', sort: 'email', render: (u) => u.email },
    {
      header: 'Role',
      sort: 'role',
      render: (u) => (
        <Badge variant="light" color={ROLE_COLORS[u.role] ?? 'gray'}>
          {ROLE_LABELS[u.role]}
        </Badge>
      ),
    },
    {
      header: 'Status',
      render: (u) => (
        <Badge variant="dot" color={u.is_active ? 'green' : 'gray'}>
          {u.is_active ? 'Active' : 'Deactivated'}
        </Badge>
      ),
    },
    {
      header: 'Last sign-in',
      sort: 'last_login_at',
      render: (u) => formatRelative(u.last_login_at),
      td: (u) => ({ title: formatDateTime(u.last_login_at) }),
    },
    { header: 'Created', sort: 'created_at', render: (u) => formatDateTime(u.created_at) },
    {
      header: 'Actions',
      hiddenHeader: true,
      render: (u) => (
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
                leftSection={u.is_active ? <IconPlayerStop size={16} /> : <IconPlayerPlay size={16} />}
                onClick={() => toggleActive(u)}
              >
                {u.is_active ? 'Deactivate' : 'Reactivate'}
              </Menu.Item>
            )}
          </Menu.Dropdown>
        </Menu>
      ),
    },
  ]

  const filtered = q || role || active !== 'all'
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
      <PagedTable
        label="Users"
        query={users}
        pager={pager}
        pageSize={PAGE_SIZE}
        columns={columns}
        rowKey={(u) => u.id}
        sort={sort}
        onSort={setSort}
        minWidth={760}
        filters={
          <ListToolbar
            searchLabel="Search users"
            searchPlaceholder="Search name or email"
            onSearch={setQ}
            segments={{
              label: 'Filter by status',
              value: active,
              onChange: setActive,
              data: [
                { label: 'All', value: 'all' },
                { label: 'Active', value: 'active' },
                { label: 'Deactivated', value: 'inactive' },
              ],
            }}
          >
            <Select
              placeholder="All roles"
              aria-label="Filter by role"
              data={ROLE_OPTIONS}
              value={role}
              onChange={setRole}
              clearable
              w={200}
            />
          </ListToolbar>
        }
        empty={
          <EmptyState title={filtered ? 'No users match these filters' : 'No users yet'}>
            {filtered ? 'Try another search or clear the filters.' : 'Create the first user of your team.'}
          </EmptyState>
        }
      />
      {creating && <UserFormModal user={null} opened onClose={() => setCreating(false)} />}
      {editing && <UserFormModal key={editing.id} user={editing} opened onClose={() => setEditing(null)} />}
      <ResetPasswordModal
        user={resetting}
        onClose={() => setResetting(null)}
        onSubmit={async (password) => {
          await resetPassword.mutateAsync({ id: resetting!.id, password })
          notifySuccess(`New password set for ${resetting!.full_name}`)
        }}
      />
    </>
  )
}
