import { ActionIcon, Button, Popover, Stack, Textarea, Tooltip } from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconLockOpen } from '@tabler/icons-react'
import { useState } from 'react'
import { Reopen } from '../../api/limits'
import { apiRules, applyProblem } from '../../lib/form'
import { notifyInfo } from '../../lib/notify'
import { useReopenScorecard } from '../../queries/interviews'
import { FormError } from '../FormError'

/** Unlock a submitted scorecard for its author again, with a reason (audited). */
export function ReopenScorecard({ scorecardId, author }: { scorecardId: string; author: string }) {
  const [opened, setOpened] = useState(false)
  const reopen = useReopenScorecard()
  const form = useForm({ initialValues: { reason: '' }, validate: apiRules(Reopen) })
  const submit = form.onSubmit(async ({ reason }) => {
    try {
      await reopen.mutateAsync({ id: scorecardId, reason: reason.trim() })
      setOpened(false)
      notifyInfo(`${author} can edit their scorecard again`)
    } catch (err) {
      applyProblem(form, err)
    }
  })
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" withArrow trapFocus>
      <Popover.Target>
        <Tooltip label="Reopen for its author">
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={`Reopen ${author}'s scorecard`}
            onClick={() => setOpened((o) => !o)}
          >
            <IconLockOpen size={16} />
          </ActionIcon>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown>
        <form onSubmit={submit} noValidate>
          <Stack gap="xs" w={260}>
            <Textarea label="Why reopen it?" required maxLength={1000} {...form.getInputProps('reason')} />
            <FormError form={form} />
            <Button
              type="submit"
              size="xs"
              disabled={form.values.reason.trim().length < 3}
              loading={form.submitting}
            >
              Reopen scorecard
            </Button>
          </Stack>
        </form>
      </Popover.Dropdown>
    </Popover>
  )
}
