import { Button, Group, Menu, Modal, NumberInput, Stack, Textarea, TextInput } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconChevronDown } from '@tabler/icons-react'
import { useState, type FormEvent } from 'react'
import { ApiError, errorMessage, fieldErrors } from '../../lib/problem'
import { useInterviewStatus, useReschedule, type InterviewDetail } from '../../queries/interviews'

type Dialog = 'reschedule' | 'cancelled' | 'no_show' | null

/** A scheduler's changes to an interview: reschedule (calendars update) or cancel / no-show, each with a reason. */
export function InterviewActions({ interview }: { interview: InterviewDetail }) {
  const [dialog, setDialog] = useState<Dialog>(null)
  const [when, setWhen] = useState('')
  const [duration, setDuration] = useState<number | string>(interview.duration_minutes)
  const [reason, setReason] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const reschedule = useReschedule()
  const status = useInterviewStatus()
  if (interview.status !== 'scheduled' && interview.status !== 'in_progress') return null
  const open = (d: Dialog) => {
    setReason('')
    setWhen('')
    setErrors({})
    setDialog(d)
  }
  const close = () => setDialog(null)
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (!reason.trim()) return setErrors({ reason: 'Say why: the candidate and the panel are told.' })
    try {
      if (dialog === 'reschedule') {
        if (!when) return setErrors({ starts_at: 'Pick the new date and time.' })
        await reschedule.mutateAsync({
          id: interview.id,
          body: {
            starts_at: new Date(when).toISOString(),
            duration_minutes: Number(duration) || null,
            reason,
          },
        })
        notifications.show({ color: 'green', message: 'Rescheduled — calendars updated' })
      } else if (dialog) {
        await status.mutateAsync({ id: interview.id, status: dialog, reason })
        notifications.show({ message: dialog === 'cancelled' ? 'Interview cancelled' : 'Marked as no-show' })
      }
      close()
    } catch (err) {
      const f = err instanceof ApiError ? fieldErrors(err.problem) : {}
      setErrors(Object.keys(f).length ? f : { reason: errorMessage(err) })
    }
  }
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
                  value={when}
                  onChange={(e) => setWhen(e.currentTarget.value)}
                  error={errors.starts_at}
                />
                <NumberInput
                  label="Duration (minutes)"
                  min={5}
                  max={480}
                  step={15}
                  value={duration}
                  onChange={setDuration}
                />
              </Group>
            )}
            <Textarea
              label="Reason"
              required
              autosize
              minRows={2}
              maxLength={1000}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={errors.reason}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Back
              </Button>
              <Button
                type="submit"
                color={dialog === 'cancelled' ? 'red' : undefined}
                loading={reschedule.isPending || status.isPending}
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
