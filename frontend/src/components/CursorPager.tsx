import { Button, Group, Text } from '@mantine/core'
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react'

interface Props {
  page: number
  nextCursor: string | null | undefined
  onNext: (cursor: string) => void
  onPrevious: () => void
  total?: number | null
  shown: number
  pageSize: number
}

export function CursorPager({ page, nextCursor, onNext, onPrevious, total, shown, pageSize }: Props) {
  const first = (page - 1) * pageSize + (shown ? 1 : 0)
  const last = (page - 1) * pageSize + shown
  return (
    <Group justify="space-between" mt="sm">
      <Text size="sm" c="dimmed" aria-live="polite">
        {shown ? `${first}–${last}` : '0'}
        {total != null ? ` of ${total}` : ''}
      </Text>
      <Group gap="xs">
        <Button
          variant="default"
          size="xs"
          leftSection={<IconChevronLeft size={14} />}
          disabled={page <= 1}
          onClick={onPrevious}
        >
          Previous
        </Button>
        <Button
          variant="default"
          size="xs"
          rightSection={<IconChevronRight size={14} />}
          disabled={!nextCursor}
          onClick={() => nextCursor && onNext(nextCursor)}
        >
          Next
        </Button>
      </Group>
    </Group>
  )
}
