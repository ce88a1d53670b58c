import { Checkbox, Radio, Stack } from '@mantine/core'
import type { PlayerQuestion } from '../playerApi'
import type { Answer } from '../saveQueue'
import classes from '../player.module.css'

/** Multiple choice: one answer (radio buttons: arrow keys move between them) or several (checkboxes). A click
 * saves at once. */
export function ChoiceAnswer({
  question,
  answer,
  onChange,
  disabled,
}: {
  question: PlayerQuestion
  answer: Answer | null
  onChange: (answer: Answer | null, immediate: boolean) => void
  disabled: boolean
}) {
  const chosen = answer?.type === 'choice' ? answer.choice_ids : []
  const options = question.question.options
  if (question.question.type === 'mcq_single')
    return (
      <Radio.Group
        label="Choose one answer"
        value={chosen[0] ?? null}
        onChange={(id) => onChange({ type: 'choice', choice_ids: [id] }, true)}
      >
        <Stack gap="sm" mt="sm">
          {options.map((o) => (
            <Radio
              key={o.id}
              value={o.id}
              label={o.text}
              disabled={disabled}
              classNames={{ root: classes.option }}
              styles={{ body: { alignItems: 'center' }, labelWrapper: { flex: 1 } }}
            />
          ))}
        </Stack>
      </Radio.Group>
    )
  return (
    <Checkbox.Group
      label="Choose every answer that applies"
      value={chosen}
      onChange={(ids) => onChange(ids.length ? { type: 'choice', choice_ids: [...ids].sort() } : null, true)}
    >
      <Stack gap="sm" mt="sm">
        {options.map((o) => (
          <Checkbox
            key={o.id}
            value={o.id}
            label={o.text}
            disabled={disabled}
            classNames={{ root: classes.option }}
            styles={{ body: { alignItems: 'center' }, labelWrapper: { flex: 1 } }}
          />
        ))}
      </Stack>
    </Checkbox.Group>
  )
}
