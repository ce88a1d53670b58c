import { MantineProvider } from '@mantine/core'
import { useForm } from '@mantine/form'
import { fireEvent, render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { RubricEditor, type CriterionDraft } from './RubricEditor'

function Harness({ rubric, minCriteria }: { rubric: CriterionDraft[]; minCriteria?: number }) {
  const form = useForm({ initialValues: { question: { rubric } } })
  return (
    <RubricEditor
      form={form}
      path="question.rubric"
      rubric={form.getValues().question.rubric}
      heading="Rubric"
      minCriteria={minCriteria}
    />
  )
}

const criterion = (name: string): CriterionDraft => ({ criterion: name, points: 1, guidance: '' })

describe('RubricEditor', () => {
  it('adds and removes criteria, keeping the minimum', () => {
    render(
      <MantineProvider>
        <Harness rubric={[criterion('Clarity')]} minCriteria={1} />
      </MantineProvider>,
    )
    expect(screen.getByRole('button', { name: 'Remove criterion 1' })).toBeDisabled()
    fireEvent.click(screen.getByRole('button', { name: 'Add a criterion' }))
    expect(screen.getByRole('textbox', { name: 'Criterion 2' })).toHaveValue('')
    expect(screen.getByRole('textbox', { name: 'Criterion 2 points' })).toHaveValue('1')
    fireEvent.click(screen.getByRole('button', { name: 'Remove criterion 1' }))
    expect(screen.queryByRole('textbox', { name: 'Criterion 2' })).not.toBeInTheDocument()
    expect(screen.getByRole('textbox', { name: 'Criterion 1' })).toHaveValue('')
  })

  it('stops adding at the API’s limit of 20 criteria', () => {
    render(
      <MantineProvider>
        <Harness rubric={Array.from({ length: 20 }, (_, i) => criterion(`C${i}`))} />
      </MantineProvider>,
    )
    expect(screen.getByRole('button', { name: 'Add a criterion' })).toBeDisabled()
    expect(screen.getByRole('button', { name: 'Remove criterion 20' })).toBeEnabled()
  })
})
