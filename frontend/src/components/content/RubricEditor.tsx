import { Card, Group, NumberInput, Textarea, TextInput } from '@mantine/core'
import type { UseFormReturnType } from '@mantine/form'
import type { ReactNode } from 'react'
import { EditableList, RemoveItemButton } from './EditableList'

export interface CriterionDraft {
  criterion: string
  points: number
  guidance: string
}

// The most criteria the API takes on an essay question.
const MAX_CRITERIA = 20

/** The rubric of an essay question being written (the question editor, a reader's suggestion): each criterion
 * with its points and guidance for the grader, adding and removing criteria. Bound to a `@mantine/form` form at
 * `path`, so each field's own error shows under it and the rubric's error (such as points that do not add up)
 * above the list. */
export function RubricEditor<Values>({
  form,
  path,
  rubric,
  heading,
  description,
  minCriteria = 0,
}: {
  form: UseFormReturnType<Values>
  /** Where the rubric is in the form's values: `rubric`, `question.rubric`. */
  path: string
  rubric: CriterionDraft[]
  heading: ReactNode
  description?: ReactNode
  /** Criteria that cannot be removed (a suggestion keeps at least one). */
  minCriteria?: number
}) {
  return (
    <EditableList
      label="Rubric"
      heading={heading}
      addLabel="Add a criterion"
      canAdd={rubric.length < MAX_CRITERIA}
      onAdd={() => form.insertListItem(path, { criterion: '', points: 1, guidance: '' } as never)}
      description={description}
      error={form.errors[path]}
    >
      {rubric.map((_, i) => (
        <Card key={i} withBorder padding="xs">
          <Group wrap="nowrap" align="flex-start">
            <TextInput
              style={{ flex: 1 }}
              label={`Criterion ${i + 1}`}
              {...form.getInputProps(`${path}.${i}.criterion`)}
            />
            <NumberInput
              w={100}
              label="Points"
              aria-label={`Criterion ${i + 1} points`}
              min={0}
              max={1000}
              {...form.getInputProps(`${path}.${i}.points`)}
            />
            <RemoveItemButton
              mt={28}
              label={`Remove criterion ${i + 1}`}
              disabled={rubric.length <= minCriteria}
              onClick={() => form.removeListItem(path, i)}
            />
          </Group>
          <Textarea
            mt="xs"
            label="Guidance"
            aria-label={`Criterion ${i + 1} guidance`}
            autosize
            minRows={1}
            {...form.getInputProps(`${path}.${i}.guidance`)}
          />
        </Card>
      ))}
    </EditableList>
  )
}
