import {
  Badge,
  Button,
  Card,
  Group,
  Modal,
  PasswordInput,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconPlus } from '@tabler/icons-react'
import { useState, type FormEvent } from 'react'
import { CursorPager } from '../../components/CursorPager'
import { useCursorStack } from '../../lib/useCursorStack'
import { PageHeader } from '../../components/PageHeader'
import { EmptyState } from '../../components/states'
import { formatDateTime } from '../../lib/format'
import { ApiError, errorMessage, fieldErrors } from '../../lib/problem'
import {
  useCreateOrganization,
  useOrganizations,
  useSetOrganizationActive,
} from '../../queries/organizations'
import { passwordProblem } from '../../lib/users'
import { QueryView } from '../../components/QueryView'

function CreateOrganizationModal({ onClose }: { onClose: () => void }) {
  const [form, setForm] = useState({
    name: '',
    slug: '',
    admin_full_name: '',
    admin_email: '',
    admin_password: '',
  })
  const [errors, setErrors] = useState<Record<string, string>>({})
  const create = useCreateOrganization()
  const set = (key: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) => {
    const value = e.currentTarget.value
    setForm((f) => ({
      ...f,
      [key]: value,
      ...(key === 'name' && f.slug === slugify(f.name) ? { slug: slugify(value) } : {}),
    }))
  }
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const p = passwordProblem(form.admin_password)
    if (p) return setErrors({ admin_password: p })
    try {
      await create.mutateAsync(form)
      notifications.show({ color: 'green', message: `${form.name} created` })
      onClose()
    } catch (err) {
      setErrors(
        err instanceof ApiError
          ? { form: err.message, ...fieldErrors(err.problem) }
          : { form: errorMessage(err) },
      )
    }
  }
  return (
    <Modal opened onClose={onClose} title="New organization" centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label="Name"
            value={form.name}
            onChange={set('name')}
            error={errors.name}
            required
            data-autofocus
          />
          <TextInput
            label="Slug"
            description="Lowercase letters, digits and dashes; used in job-board links."
            value={form.slug}
            onChange={set('slug')}
            error={errors.slug}
            required
          />
          <TextInput
            label="First admin's name"
            value={form.admin_full_name}
            onChange={set('admin_full_name')}
            error={errors.admin_full_name}
            required
          />
          <TextInput
            label="First admin's email"
            type="email"
            value={form.admin_email}
            onChange={set('admin_email')}
            error={errors.admin_email}
            required
          />
          <PasswordInput
            label="First admin's password"
            value={form.admin_password}
            onChange={set('admin_password')}
            error={errors.admin_password}
            required
          />
          {errors.form && Object.keys(errors).length === 1 && (
            <Text c="red" size="sm" role="alert">
              {errors.form}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create organization
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}

function slugify(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 63)
}

export function OrganizationsPage() {
  const pager = useCursorStack()
  const orgs = useOrganizations(pager.cursor)
  const setActive = useSetOrganizationActive()
  const [creating, setCreating] = useState(false)
  const items = orgs.data?.items ?? []
  return (
    <>
      <PageHeader
        title="Organizations"
        description="Tenants on this installation. Deactivating one signs out its users and stops its API keys."
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            New organization
          </Button>
        }
      />
      <Card withBorder radius="md">
        <QueryView
          query={orgs}
          isEmpty={items.length === 0}
          empty={<EmptyState title="No organizations yet" />}
        >
          <Table verticalSpacing="sm" aria-label="Organizations">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Slug</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Created</Table.Th>
                <Table.Th aria-label="Actions" />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((o) => (
                <Table.Tr key={o.id}>
                  <Table.Td fw={600}>{o.name}</Table.Td>
                  <Table.Td>{o.slug}</Table.Td>
                  <Table.Td>
                    <Badge variant="dot" color={o.is_active ? 'green' : 'gray'}>
                      {o.is_active ? 'Active' : 'Deactivated'}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{formatDateTime(o.created_at)}</Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="subtle"
                      color={o.is_active ? 'red' : 'green'}
                      onClick={() => setActive.mutate({ id: o.id, is_active: !o.is_active })}
                    >
                      {o.is_active ? 'Deactivate' : 'Reactivate'}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </QueryView>
        <CursorPager
          page={pager.page}
          nextCursor={orgs.data?.next_cursor}
          onNext={pager.next}
          onPrevious={pager.previous}
          total={orgs.data?.total}
          shown={items.length}
          pageSize={50}
        />
      </Card>
      {creating && <CreateOrganizationModal onClose={() => setCreating(false)} />}
    </>
  )
}
