import { Alert, Button, Group, SegmentedControl, Stack, Text, Textarea } from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconScale } from '@tabler/icons-react'
import { Step1ReviewDecision } from '../../api/limits'
import { FormError } from '../../components/FormError'
import { apiRules, applyProblem } from '../../lib/form'
import { notifySuccess } from '../../lib/notify'
import { useAuth } from '../../lib/useAuth'
import { useDecideStep1, type SessionSummary } from '../../queries/assessments'
import { percent } from './labels'

/** Advance or reject a result in the manual-review band, with the note the timeline keeps. Only for people
 * holding `decisions:step1_review`; the server says whether the session still waits for one. */
export function Step1DecisionForm({ session, onDone }: { session: SessionSummary; onDone?: () => void }) {
  const { can } = useAuth()
  const decide = useDecideStep1()
  const form = useForm({
    initialValues: { decision: 'advance' as 'advance' | 'reject', note: '' },
    validate: apiRules(Step1ReviewDecision, {
      messages: { note: 'Say why: the note goes on the timeline.' },
    }),
  })
  if (!can('decisions:step1_review')) return null
  const submit = form.onSubmit(async (v) => {
    try {
      await decide.mutateAsync({ sessionId: session.id, body: { decision: v.decision, note: v.note.trim() } })
      notifySuccess(
        `${session.candidate_name ?? 'The candidate'} ${v.decision === 'advance' ? 'advances to the next stage' : 'is rejected'}`,
      )
      onDone?.()
    } catch (err) {
      applyProblem(form, err)
    }
  })
  return (
    <Alert
      variant="light"
      color="orange"
      icon={<IconScale />}
      title={`Step-1 review of ${session.candidate_name ?? 'the candidate'}: your decision`}
    >
      <form
        onSubmit={submit}
        noValidate
        aria-label={`Step-1 decision for ${session.candidate_name ?? 'the candidate'}`}
      >
        <Stack gap="xs">
          <Text size="sm">
            {percent(session.score)} is in the manual-review band. Advancing moves the application to the next
            stage and emails the candidate; rejecting sends the rejection email.
          </Text>
          <SegmentedControl
            aria-label="Decision"
            w="fit-content"
            data={[
              { value: 'advance', label: 'Advance' },
              { value: 'reject', label: 'Reject' },
            ]}
            {...form.getInputProps('decision')}
          />
          <Textarea label="Note" required autosize minRows={2} {...form.getInputProps('note')} />
          <FormError form={form} />
          <Group>
            <Button
              type="submit"
              size="xs"
              color={form.values.decision === 'advance' ? 'green' : 'red'}
              loading={form.submitting}
            >
              {form.values.decision === 'advance' ? 'Advance' : 'Reject'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Alert>
  )
}
