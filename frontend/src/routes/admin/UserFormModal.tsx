import { Button, Group, Modal, PasswordInput, Select, Stack, TagsInput, TextInput } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useState, type FormEvent } from 'react'
import { passwordProblem, ROLE_OPTIONS } from '../../lib/users'
import { ApiError, errorMessage, fieldErrors } from '../../lib/problem'
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
  const [email, setEmail] = useState(user?.email ?? '')
  const [fullName, setFullName] = useState(user?.full_name ?? '')
  const [role, setRole] = useState<string>(user?.role ?? 'recruiter')
  const [seat, setSeat] = useState<string | null>(user?.executive_seat ?? null)
  const [skills, setSkills] = useState<string[]>(user?.skills ?? [])
  const [password, setPassword] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const create = useCreateUser()
  const update = useUpdateUser()
  const busy = create.isPending || update.isPending

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const local: Record<string, string> = {}
    if (!fullName.trim()) local.full_name = 'Enter a name.'
    if (!/^\S+@\S+\.\S+$/.test(email.trim())) local.email = 'Enter a valid email address.'
    if (!editing) {
      const p = passwordProblem(password)
      if (p) local.password = p
    }
    setErrors(local)
    if (Object.keys(local).length) return
    try {
      if (editing) {
        await update.mutateAsync({
          id: user.id,
          body: {
            email: email.trim(),
            full_name: fullName.trim(),
            role: role as Role,
            executive_seat: role === 'executive' ? (seat as 'cto' | 'ceo' | null) : null,
            skills,
          },
        })
        notifications.show({ color: 'green', message: `${fullName} updated` })
      } else {
        await create.mutateAsync({
          email: email.trim(),
          full_name: fullName.trim(),
          role: role as Role,
          password,
        })
        notifications.show({ color: 'green', message: `${fullName} can now sign in` })
      }
      onClose()
    } catch (err) {
      const fields = err instanceof ApiError ? fieldErrors(err.problem) : {}
      setErrors(Object.keys(fields).length ? fields : { form: errorMessage(err) })
    }
  }

  return (
    <Modal opened={opened} onClose={onClose} title={editing ? `Edit ${user.full_name}` : 'New user'} centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label="Full name"
            required
            value={fullName}
            onChange={(e) => setFullName(e.currentTarget.value)}
            error={errors.full_name}
            maxLength={200}
            data-autofocus
          />
          <TextInput
            label="Email"
            type="email"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={errors.email}
            maxLength={254}
          />
          <Select
            label="Role"
            required
            data={ROLE_OPTIONS}
            value={role}
            onChange={(v) => v && setRole(v)}
            error={errors.role}
            allowDeselect={false}
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
              value={seat}
              onChange={setSeat}
              error={errors.executive_seat}
            />
          )}
          {editing && role !== 'candidate' && (
            <TagsInput
              label="Interview skills"
              description="What they can assess, e.g. python, system_design. Automatic assignment matches on these."
              value={skills}
              onChange={(v) => setSkills(v.map((x) => x.trim().toLowerCase()).filter(Boolean))}
              maxTags={20}
              error={errors.skills}
            />
          )}
          {!editing && (
            <PasswordInput
              label="Initial password"
              description="At least 10 characters, with a letter and a digit. Share it with them securely."
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={errors.password}
            />
          )}
          {errors.form && (
            <div role="alert" style={{ color: 'var(--mantine-color-red-7)' }}>
              {errors.form}
            </div>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
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
  busy,
}: {
  user: User | null
  onClose: () => void
  onSubmit: (password: string) => Promise<void>
  busy: boolean
}) {
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | null>(null)
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const p = passwordProblem(password)
    if (p) return setError(p)
    try {
      await onSubmit(password)
      setPassword('')
      onClose()
    } catch (err) {
      setError(
        err instanceof ApiError ? (fieldErrors(err.problem).password ?? err.message) : errorMessage(err),
      )
    }
  }
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
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={error}
            required
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              Set password
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
