import {
  Button,
  Group,
  Modal,
  MultiSelect,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useState, type FormEvent } from 'react'
import { ApiError, errorMessage, fieldErrors } from '../lib/problem'
import { useBroadcast } from '../queries/notifications'
import { ROLE_OPTIONS } from '../lib/users'

export function BroadcastModal({ onClose }: { onClose: () => void }) {
  const [title, setTitle] = useState('')
  const [message, setMessage] = useState('')
  const [priority, setPriority] = useState('normal')
  const [roles, setRoles] = useState<string[]>([])
  const [errors, setErrors] = useState<Record<string, string>>({})
  const broadcast = useBroadcast()

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const local: Record<string, string> = {}
    if (!title.trim()) local.title = 'Add a title.'
    if (!message.trim()) local.message = 'Add a message.'
    setErrors(local)
    if (Object.keys(local).length) return
    try {
      const result = (await broadcast.mutateAsync({
        title: title.trim(),
        message: message.trim(),
        priority: priority as 'low' | 'normal' | 'high' | 'urgent',
        roles: roles.length ? (roles as never) : null,
      })) as { recipients: number }
      notifications.show({
        color: 'green',
        message: `Sent to ${result.recipients} ${result.recipients === 1 ? 'person' : 'people'}`,
      })
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
    <Modal opened onClose={onClose} title="Announce to your organization" centered size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label="Title"
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={errors.title}
            maxLength={200}
            required
            data-autofocus
          />
          <Textarea
            label="Message"
            value={message}
            onChange={(e) => setMessage(e.currentTarget.value)}
            error={errors.message}
            maxLength={2000}
            autosize
            minRows={3}
            required
          />
          <MultiSelect
            label="Who"
            placeholder="Everyone"
            data={ROLE_OPTIONS}
            value={roles}
            onChange={setRoles}
            clearable
          />
          <div>
            <Text size="sm" fw={500} mb={4}>
              Priority
            </Text>
            <SegmentedControl
              aria-label="Priority"
              value={priority}
              onChange={setPriority}
              data={['low', 'normal', 'high', 'urgent']}
            />
          </div>
          {errors.form && !errors.title && !errors.message && (
            <Text c="red" size="sm" role="alert">
              {errors.form}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={broadcast.isPending}>
              Send
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
