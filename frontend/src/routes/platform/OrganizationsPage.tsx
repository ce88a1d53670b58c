import { Badge, Button, Group, Modal, PasswordInput, Stack, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconPlus } from '@tabler/icons-react'
import { useState } from 'react'
import { OrganizationCreate } from '../../api/limits'
import { FormError } from '../../components/FormError'
import { PageHeader } from '../../components/PageHeader'
import { PagedTable, type Column } from '../../components/PagedTable'
import { EmptyState } from '../../components/states'
import { formatDateTime } from '../../lib/format'
import { apiRules, applyProblem } from '../../lib/form'
import { notifyError, notifySuccess } from '../../lib/notify'
import { useCursorStack } from '../../lib/useCursorStack'
import { passwordProblem } from '../../lib/users'
import {
  useCreateOrganization,
  useOrganizations,
  useSetOrganizationActive,
  type Organization,
} from '../../queries/organizations'

function CreateOrganizationModal({ onClose }: { onClose: () => void }) {
  const create = useCreateOrganization()
  const form = useForm({
    initialValues: { name: '', slug: '', admin_full_name: '', admin_email: '', admin_password: '' },
    validate: apiRules(OrganizationCreate, {
      extra: (v) => ({ admin_password: passwordProblem(v.admin_password) }),
    }),
    // The slug follows the name until someone edits it.
    onValuesChange: (values, previous) => {
      if (values.name !== previous.name && previous.slug === slugify(previous.name))
        form.setFieldValue('slug', slugify(values.name))
    },
  })
  const submit = form.onSubmit(async (v) => {
    try {
      await create.mutateAsync(v)
      notifySuccess(`${v.name} created`)
      onClose()
    } catch (err) {
      applyProblem(form, err)
    }
  })
  return (
    <Modal opened onClose={onClose} title="New organization" centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput label="Name" required data-autofocus {...form.getInputProps('name')} />
          <TextInput
            label="Slug"
            description="Lowercase letters, digits and dashes; used in job-board links."
            required
            {...form.getInputProps('slug')}
          />
          <TextInput label="First admin's name" required {...form.getInputProps('admin_full_name')} />
          <TextInput
            label="First admin's email"
            type="email"
            required
            {...form.getInputProps('admin_email')}
          />
          <PasswordInput label="First admin's password" required {...form.getInputProps('admin_password')} />
          <FormError form={form} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={form.submitting}>
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
  const columns: Column<Organization>[] = [
    { header: 'Name', render: (o) => o.name, td: { fw: 600 } },
    { header: 'Slug', render: (o) => o.slug },
    {
      header: 'Status',
      render: (o) => (
        <Badge variant="dot" color={o.is_active ? 'green' : 'gray'}>
          {o.is_active ? 'Active' : 'Deactivated'}
        </Badge>
      ),
    },
    { header: 'Created', render: (o) => formatDateTime(o.created_at) },
    {
      header: 'Actions',
      hiddenHeader: true,
      render: (o) => (
        <Button
          size="xs"
          variant="subtle"
          color={o.is_active ? 'red' : 'green'}
          onClick={() => setActive.mutate({ id: o.id, is_active: !o.is_active }, { onError: notifyError })}
        >
          {o.is_active ? 'Deactivate' : 'Reactivate'}
        </Button>
      ),
    },
  ]
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
      <PagedTable
        label="Organizations"
        query={orgs}
        pager={pager}
        pageSize={50}
        columns={columns}
        rowKey={(o) => o.id}
        empty={<EmptyState title="No organizations yet" />}
      />
      {creating && <CreateOrganizationModal onClose={() => setCreating(false)} />}
    </>
  )
}
