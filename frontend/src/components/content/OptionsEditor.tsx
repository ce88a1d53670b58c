import { Checkbox, Group, Radio, TextInput } from '@mantine/core'
import type { UseFormReturnType } from '@mantine/form'
import type { ReactNode } from 'react'
import { EditableList, RemoveItemButton } from './EditableList'

export interface OptionDraft {
  text: string
  correct: boolean
}

// The bounds the API enforces on a multiple-choice question's options.
const MIN_OPTIONS = 2
const MAX_OPTIONS = 10

/** The options of a multiple-choice question being written (the question editor, a reader's suggestion): each
 * option's text, which ones are correct (exactly one for a single-answer question: marking one unmarks the
 * others), adding and removing options. Bound to a `@mantine/form` form at `path`, so each option's own field
 * error (from the client's rules or the API's) shows under it, and the list's error above the list. */
export function OptionsEditor<Values>({
  form,
  path,
  options,
  single,
  heading,
}: {
  form: UseFormReturnType<Values>
  /** Where the options are in the form's values: `options`, `question.options`. */
  path: string
  options: OptionDraft[]
  single: boolean
  heading: ReactNode
}) {
  const setCorrect = (i: number, checked: boolean) =>
    form.setFieldValue(
      path,
      options.map((o, n) =>
        single ? { ...o, correct: n === i } : n === i ? { ...o, correct: checked } : o,
      ) as never,
    )
  return (
    <EditableList
      label="Options"
      heading={heading}
      addLabel="Add an option"
      canAdd={options.length < MAX_OPTIONS}
      onAdd={() => form.insertListItem(path, { text: '', correct: false } as never)}
      description={single ? 'Mark the one correct option.' : 'Mark every correct option.'}
      error={form.errors[path]}
    >
      {options.map((o, i) => (
        <Group key={i} wrap="nowrap" align="flex-start">
          {single ? (
            <Radio
              mt={8}
              aria-label={`Option ${i + 1} is correct`}
              checked={o.correct}
              onChange={(e) => setCorrect(i, e.currentTarget.checked)}
            />
          ) : (
            <Checkbox
              mt={8}
              aria-label={`Option ${i + 1} is correct`}
              checked={o.correct}
              onChange={(e) => setCorrect(i, e.currentTarget.checked)}
            />
          )}
          <TextInput
            style={{ flex: 1 }}
            aria-label={`Option ${i + 1}`}
            placeholder={`Option ${i + 1}`}
            {...form.getInputProps(`${path}.${i}.text`)}
          />
          <RemoveItemButton
            mt={4}
            label={`Remove option ${i + 1}`}
            disabled={options.length <= MIN_OPTIONS}
            onClick={() => form.removeListItem(path, i)}
          />
        </Group>
      ))}
    </EditableList>
  )
}
