import { Button, Group, Modal, PasswordInput, Select, Stack, TagsInput, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { PasswordReset, UserCreate, UserUpdate } from '../../api/limits'
import { FormError } from '../../components/FormError'
import { apiRules, applyProblem } from '../../lib/form'
import { notifySuccess } from '../../lib/notify'
import { passwordProblem, ROLE_OPTIONS } from '../../lib/users'
import { useCreateUser, useUpdateUser, type Role, type User } from '../../queries/users'

export function UserFormModal({
  user,
  opened,
  onClose,
}: {
  user: User | null
  opened: boolean
  onClose: () => void
}) {
  const editing = !!user
  const create = useCreateUser()
  const update = useUpdateUser()
  const form = useForm({
    initialValues: {
      email: user?.email ?? '',
      full_name: user?.full_name ?? '',
      role: (user?.role ?? 'recruiter') as Role,
      executive_seat: (user?.executive_seat ?? null) as 'cto' | 'ceo' | null,
      skills: user?.skills ?? ([] as string[]),
      // A new user gets an initial password; an existing one keeps theirs (reset it from the list).
      ...(editing ? {} : { password: '' }),
    },
    validate: apiRules(editing ? UserUpdate : UserCreate, {
      messages: { full_name: 'Enter a name.', email: 'Enter an email address.' },
      extra: (v) => ({ password: v.password !== undefined ? passwordProblem(v.password) : null }),
    }),
  })
  const role = form.values.role

  const submit = form.onSubmit(async (v) => {
    const fields = { email: v.email.trim(), full_name: v.full_name.trim(), role: v.role }
    try {
      if (editing) {
        await update.mutateAsync({
          id: user.id,
          body: {
            ...fields,
            executive_seat: v.role === 'executive' ? v.executive_seat : null,
            skills: v.skills,
          },
        })
        notifySuccess(`${fields.full_name} updated`)
      } else {
        await create.mutateAsync({ ...fields, password: v.password ?? '' })
        notifySuccess(`${fields.full_name} can now sign in`)
      }
      onClose()
    } catch (err) {
      applyProblem(form, err)
    }
  })

  return (
    <Modal opened={opened} onClose={onClose} title={editing ? `Edit ${user.full_name}` : 'New user'} centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label="Full name"
            required
            maxLength={200}
            data-autofocus
            {...form.getInputProps('full_name')}
          />
          <TextInput label="Email" type="email" required maxLength={254} {...form.getInputProps('email')} />
          <Select
            label="Role"
            required
            data={ROLE_OPTIONS}
            allowDeselect={false}
            {...form.getInputProps('role')}
          />
          {editing && role === 'executive' && (
            <Select
              label="Step-3 seat"
              description="The CTO and CEO seats record the final hiring decision."
              placeholder="No seat"
              clearable
              data={[
                { value: 'cto', label: 'CTO' },
                { value: 'ceo', label: 'CEO' },
              ]}
              {...form.getInputProps('executive_seat')}
            />
          )}
          {editing && role !== 'candidate' && (
            <TagsInput
              label="Interview skills"
              description="What they can assess, e.g. python, system_design. Automatic assignment matches on these."
              maxTags={20}
              {...form.getInputProps('skills')}
              onChange={(v) =>
                form.setFieldValue('skills', v.map((x) => x.trim().toLowerCase()).filter(Boolean))
              }
            />
          )}
          {!editing && (
            <PasswordInput
              label="Initial password"
              description="At least 10 characters, with a letter and a digit. Share it with them securely."
              required
              {...form.getInputProps('password')}
            />
          )}
          <FormError form={form} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={form.submitting}>
              {editing ? 'Save changes' : 'Create user'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}

export function ResetPasswordModal({
  user,
  onClose,
  onSubmit,
}: {
  user: User | null
  onClose: () => void
  onSubmit: (password: string) => Promise<void>
}) {
  const form = useForm({
    initialValues: { password: '' },
    validate: apiRules(PasswordReset, { extra: ({ password }) => ({ password: passwordProblem(password) }) }),
  })
  const submit = form.onSubmit(async ({ password }) => {
    try {
      await onSubmit(password)
      form.reset()
      onClose()
    } catch (err) {
      applyProblem(form, err)
    }
  })
  return (
    <Modal
      opened={!!user}
      onClose={onClose}
      title={user ? `New password for ${user.full_name}` : ''}
      centered
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <PasswordInput
            label="New password"
            description="Their open sessions end and the account unlocks."
            required
            data-autofocus
            {...form.getInputProps('password')}
          />
          <FormError form={form} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={form.submitting}>
              Set password
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
