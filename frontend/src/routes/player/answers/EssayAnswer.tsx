import { Group, Text, Textarea } from '@mantine/core'
import { useId } from 'react'
import type { Answer } from '../saveQueue'

export const MAX_ESSAY = 50_000

const words = (text: string) => (text.trim() ? text.trim().split(/\s+/).length : 0)

/** A written answer, kept exactly as typed, with its length in view (read on focus, not at every keystroke). */
export function EssayAnswer({
  answer,
  onChange,
  disabled,
}: {
  answer: Answer | null
  onChange: (answer: Answer | null, immediate: boolean) => void
  disabled: boolean
}) {
  const text = answer?.type === 'text' ? answer.text : ''
  const countId = useId()
  const near = text.length > MAX_ESSAY * 0.9
  return (
    <>
      <Textarea
        label="Your answer"
        value={text}
        onChange={(e) =>
          onChange(e.currentTarget.value ? { type: 'text', text: e.currentTarget.value } : null, false)
        }
        autosize
        minRows={10}
        maxRows={28}
        maxLength={MAX_ESSAY}
        readOnly={disabled}
        aria-describedby={countId}
        spellCheck
      />
      <Group justify="flex-end" mt={6}>
        <Text id={countId} size="sm" c={near ? 'orange.9' : 'dimmed'} data-testid="essay-count">
          {text.length.toLocaleString('en')} / {MAX_ESSAY.toLocaleString('en')} characters · {words(text)}{' '}
          word
          {words(text) === 1 ? '' : 's'}
        </Text>
      </Group>
    </>
  )
}
