import { ActionIcon, Button, Group, Stack, Text } from '@mantine/core'
import { IconPlus, IconTrash } from '@tabler/icons-react'
import type { ReactNode } from 'react'

/** The frame of a list a question's author edits (its options, its rubric): the heading with the add button, a
 * hint, the error about the list as a whole (too few, points that do not add up), then the items. */
export function EditableList({
  label,
  heading,
  addLabel,
  onAdd,
  canAdd,
  description,
  error,
  children,
}: {
  /** The group's accessible name ("Options", "Rubric"). */
  label: string
  heading: ReactNode
  addLabel: string
  onAdd: () => void
  canAdd: boolean
  description?: ReactNode
  error?: ReactNode
  children: ReactNode
}) {
  return (
    <Stack gap="xs" role="group" aria-label={label}>
      <Group justify="space-between">
        {heading}
        <Button
          size="xs"
          variant="light"
          leftSection={<IconPlus size={14} />}
          disabled={!canAdd}
          onClick={onAdd}
        >
          {addLabel}
        </Button>
      </Group>
      {description && (
        <Text size="xs" c="dimmed">
          {description}
        </Text>
      )}
      {error && (
        <Text c="red" size="sm" role="alert">
          {error}
        </Text>
      )}
      {children}
    </Stack>
  )
}

/** The button that removes one item of an `EditableList`; `mt` lines it up with the item's first input. */
export function RemoveItemButton({
  label,
  disabled,
  onClick,
  mt,
}: {
  label: string
  disabled: boolean
  onClick: () => void
  mt: number
}) {
  return (
    <ActionIcon mt={mt} variant="subtle" color="red" aria-label={label} disabled={disabled} onClick={onClick}>
      <IconTrash size={16} />
    </ActionIcon>
  )
}
