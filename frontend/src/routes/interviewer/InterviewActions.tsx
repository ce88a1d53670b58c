import { Button, Group, Menu, Modal, NumberInput, Stack, Textarea, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconChevronDown } from '@tabler/icons-react'
import { useState } from 'react'
import { Reschedule, backend__interviews__schemas__StatusChange as StatusChange } from '../../api/limits'
import { FormError } from '../../components/FormError'
import { apiRules, applyProblem } from '../../lib/form'
import { notifyInfo, notifySuccess } from '../../lib/notify'
import { useInterviewStatus, useReschedule, type InterviewDetail } from '../../queries/interviews'

type Dialog = 'reschedule' | 'cancelled' | 'no_show' | null
interface Values {
  starts_at: string
  duration_minutes: number | string
  reason: string
}

const SAY_WHY = 'Say why: the candidate and the panel are told.'

/** A scheduler's changes to an interview: reschedule (calendars update) or cancel / no-show, each with a reason. */
export function InterviewActions({ interview }: { interview: InterviewDetail }) {
  const [dialog, setDialog] = useState<Dialog>(null)
  const reschedule = useReschedule()
  const status = useInterviewStatus()
  const form = useForm<Values>({
    initialValues: { starts_at: '', duration_minutes: interview.duration_minutes, reason: '' },
    validate: (values) =>
      dialog === 'reschedule'
        ? apiRules<Values>(Reschedule, {
            messages: { starts_at: 'Pick the new date and time.', reason: SAY_WHY },
          })(values)
        : apiRules<Values>(StatusChange, { extra: (v) => ({ reason: v.reason.trim() ? null : SAY_WHY }) })(
            values,
          ),
  })
  if (interview.status !== 'scheduled' && interview.status !== 'in_progress') return null
  const open = (d: Dialog) => {
    form.reset()
    setDialog(d)
  }
  const close = () => setDialog(null)
  const submit = form.onSubmit(async (v) => {
    try {
      if (dialog === 'reschedule') {
        await reschedule.mutateAsync({
          id: interview.id,
          body: {
            starts_at: new Date(v.starts_at).toISOString(),
            duration_minutes: Number(v.duration_minutes) || null,
            reason: v.reason.trim(),
          },
        })
        notifySuccess('Rescheduled — calendars updated')
      } else if (dialog) {
        await status.mutateAsync({ id: interview.id, status: dialog, reason: v.reason.trim() })
        notifyInfo(dialog === 'cancelled' ? 'Interview cancelled' : 'Marked as no-show')
      }
      close()
    } catch (err) {
      applyProblem(form, err)
    }
  })
  return (
    <>
      <Menu position="bottom-end">
        <Menu.Target>
          <Button variant="default" rightSection={<IconChevronDown size={14} />}>
            Change
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {interview.status === 'scheduled' && (
            <Menu.Item onClick={() => open('reschedule')}>Reschedule…</Menu.Item>
          )}
          <Menu.Item onClick={() => open('no_show')}>Candidate did not show…</Menu.Item>
          <Menu.Item color="red" onClick={() => open('cancelled')}>
            Cancel interview…
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Modal
        opened={dialog !== null}
        onClose={close}
        centered
        title={
          dialog === 'reschedule'
            ? 'Reschedule the interview'
            : dialog === 'cancelled'
              ? 'Cancel the interview'
              : 'Record a no-show'
        }
      >
        <form onSubmit={submit} noValidate>
          <Stack>
            {dialog === 'reschedule' && (
              <Group grow>
                <TextInput
                  label={`New start (${Intl.DateTimeFormat().resolvedOptions().timeZone})`}
                  type="datetime-local"
                  required
                  {...form.getInputProps('starts_at')}
                />
                <NumberInput
                  label="Duration (minutes)"
                  min={5}
                  max={480}
                  step={15}
                  {...form.getInputProps('duration_minutes')}
                />
              </Group>
            )}
            <Textarea
              label="Reason"
              required
              autosize
              minRows={2}
              maxLength={1000}
              {...form.getInputProps('reason')}
            />
            <FormError form={form} />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Back
              </Button>
              <Button
                type="submit"
                color={dialog === 'cancelled' ? 'red' : undefined}
                loading={form.submitting}
              >
                {dialog === 'reschedule'
                  ? 'Reschedule and notify'
                  : dialog === 'cancelled'
                    ? 'Cancel and notify'
                    : 'Record no-show'}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  )
}
