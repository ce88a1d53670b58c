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
import { useForm } from '@mantine/form'
import { Broadcast } from '../../api/limits'
import { FormError } from '../../components/FormError'
import { apiRules, applyProblem } from '../../lib/form'
import { notifySuccess } from '../../lib/notify'
import { ROLE_OPTIONS } from '../../lib/users'
import { useBroadcast } from '../../queries/notifications'
import type { Role } from '../../queries/users'

type Priority = 'low' | 'normal' | 'high' | 'urgent'

export function BroadcastModal({ onClose }: { onClose: () => void }) {
  const broadcast = useBroadcast()
  const form = useForm({
    initialValues: { title: '', message: '', priority: 'normal' as Priority, roles: [] as Role[] },
    validate: apiRules(Broadcast, { messages: { title: 'Add a title.', message: 'Add a message.' } }),
  })
  const submit = form.onSubmit(async (v) => {
    try {
      const result = (await broadcast.mutateAsync({
        title: v.title.trim(),
        message: v.message.trim(),
        priority: v.priority,
        roles: v.roles.length ? v.roles : null,
      })) as { recipients: number }
      notifySuccess(`Sent to ${result.recipients} ${result.recipients === 1 ? 'person' : 'people'}`)
      onClose()
    } catch (err) {
      applyProblem(form, err)
    }
  })
  return (
    <Modal opened onClose={onClose} title="Announce to your organization" centered size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput label="Title" maxLength={200} required data-autofocus {...form.getInputProps('title')} />
          <Textarea
            label="Message"
            maxLength={2000}
            autosize
            minRows={3}
            required
            {...form.getInputProps('message')}
          />
          <MultiSelect
            label="Who"
            placeholder="Everyone"
            data={ROLE_OPTIONS}
            clearable
            {...form.getInputProps('roles')}
          />
          <div>
            <Text size="sm" fw={500} mb={4}>
              Priority
            </Text>
            <SegmentedControl
              aria-label="Priority"
              data={['low', 'normal', 'high', 'urgent']}
              {...form.getInputProps('priority')}
            />
          </div>
          <FormError form={form} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={form.submitting}>
              Send
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
