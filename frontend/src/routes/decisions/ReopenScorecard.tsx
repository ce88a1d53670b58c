import { ActionIcon, Button, Popover, Stack, Textarea, Tooltip } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconLockOpen } from '@tabler/icons-react'
import { useState } from 'react'
import { errorMessage } from '../../lib/problem'
import { useReopenScorecard } from '../../queries/interviews'

/** Unlock a submitted scorecard for its author again, with a reason (audited). */
export function ReopenScorecard({ scorecardId, author }: { scorecardId: string; author: string }) {
  const [opened, setOpened] = useState(false)
  const [reason, setReason] = useState('')
  const reopen = useReopenScorecard()
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
        <Stack gap="xs" w={260}>
          <Textarea
            label="Why reopen it?"
            required
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            maxLength={1000}
          />
          <Button
            size="xs"
            disabled={reason.trim().length < 3}
            loading={reopen.isPending}
            onClick={() =>
              reopen.mutate(
                { id: scorecardId, reason: reason.trim() },
                {
                  onSuccess: () => {
                    setOpened(false)
                    notifications.show({ message: `${author} can edit their scorecard again` })
                  },
                  onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
                },
              )
            }
          >
            Reopen scorecard
          </Button>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  )
}
