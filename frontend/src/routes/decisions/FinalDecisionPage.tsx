import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconArrowLeft } from '@tabler/icons-react'
import { useState } from 'react'
import { Link, useParams } from 'react-router'
import { ExecutiveInput } from '../../api/limits'
import { FormError } from '../../components/FormError'
import { PageHeader } from '../../components/PageHeader'
import { ErrorState, LoadingRows } from '../../components/states'
import { apiRules, applyProblem } from '../../lib/form'
import { notifySuccess } from '../../lib/notify'
import { useApplication } from '../../queries/applications'
import { useStep2, useStep3, useSubmitStep3, type Step3Summary } from '../../queries/decisions'
import { SideBySide } from '../../components/decisions/SideBySide'

function DecisionForm({ applicationId, step3 }: { applicationId: string; step3: Step3Summary }) {
  const submit = useSubmitStep3()
  const [confirming, setConfirming] = useState(false)
  const form = useForm({
    initialValues: { score: 75 as number | string, decision: 'approve' as 'approve' | 'reject', notes: '' },
    validate: apiRules(ExecutiveInput, { messages: { score: 'Give a score from 0 to 100.' } }),
  })
  const { score, decision } = form.values
  const seat = step3.my_seat!.toUpperCase()
  // The form checks its values first, then asks to confirm: a decision cannot be changed afterwards.
  const review = form.onSubmit(() => setConfirming(true))
  const send = async () => {
    try {
      await submit.mutateAsync({
        id: applicationId,
        body: { score: String(score), decision, notes: form.values.notes },
      })
      notifySuccess(`${seat} decision recorded`)
    } catch (err) {
      applyProblem(form, err)
    } finally {
      setConfirming(false)
    }
  }
  return (
    <Card withBorder radius="md" component="section" aria-label="Your decision">
      <form onSubmit={review} noValidate>
        <Stack>
          <Title order={2} size="h4">
            Your decision as {seat}
          </Title>
          <FormError form={form} />
          <NumberInput label="Score (0–100)" min={0} max={100} {...form.getInputProps('score')} />
          <SegmentedControl
            aria-label="Decision"
            data={[
              { value: 'approve', label: 'Approve hire' },
              { value: 'reject', label: 'Reject' },
            ]}
            color={decision === 'approve' ? 'green' : 'red'}
            {...form.getInputProps('decision')}
          />
          <Textarea label="Notes" autosize minRows={3} maxLength={10000} {...form.getInputProps('notes')} />
          <Button type="submit">Record decision</Button>
        </Stack>
      </form>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title="Record your decision?" centered>
        <Text size="sm">
          {seat}: <b>{decision === 'approve' ? 'approve' : 'reject'}</b> with a score of <b>{score}</b>. A
          decision cannot be changed afterwards.
        </Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setConfirming(false)}>
            Back
          </Button>
          <Button color={decision === 'approve' ? 'green' : 'red'} loading={submit.isPending} onClick={send}>
            Confirm
          </Button>
        </Group>
      </Modal>
    </Card>
  )
}

function Decisions({ step3 }: { step3: Step3Summary }) {
  const color = step3.outcome === 'hire' ? 'green' : step3.outcome === 'reject' ? 'red' : 'gray'
  return (
    <Card withBorder radius="md" component="section" aria-label="Executive decisions">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">
          Executives
        </Title>
        <Badge color={color} size="lg">
          {step3.outcome}
        </Badge>
      </Group>
      <Stack gap="xs">
        {(['cto', 'ceo'] as const).map((seat) => {
          const d = step3.decisions.find((x) => x.seat === seat)
          return (
            <Group key={seat} justify="space-between">
              <Text fw={600}>
                {seat.toUpperCase()}{' '}
                <Text span size="xs" c="dimmed">
                  weight {step3.weights[seat]}
                </Text>
              </Text>
              {d ? (
                <Text size="sm">
                  {Number(d.score)} · <b>{d.decision}</b>
                </Text>
              ) : (
                <Text size="sm" c="dimmed">
                  pending
                </Text>
              )}
            </Group>
          )
        })}
        {step3.final_score != null && (
          <Text size="sm">
            Final score <b>{step3.final_score}</b> / 100
            {step3.require_both ? ' · both seats must approve' : ' · either approval hires'}
          </Text>
        )}
      </Stack>
    </Card>
  )
}

/** One candidate's final decision: every scorecard side by side, the executives' scores and the form. */
export function FinalDecisionPage() {
  const { applicationId = '' } = useParams()
  const app = useApplication(applicationId)
  const step2 = useStep2(applicationId)
  const step3 = useStep3(applicationId)
  if (app.isError) return <ErrorState error={app.error} onRetry={() => void app.refetch()} />
  if (step3.isError) return <ErrorState error={step3.error} onRetry={() => void step3.refetch()} />
  if (!app.data || !step3.data) return <LoadingRows />
  const s3 = step3.data
  const decided = s3.decisions.some((d) => d.seat === s3.my_seat)
  return (
    <>
      <Anchor component={Link} to="/decisions" size="sm">
        <IconArrowLeft size={14} /> Final decisions
      </Anchor>
      <PageHeader
        title={app.data.candidate_name}
        description={`${app.data.requisition_title} · ${app.data.stage_name ?? ''} · ${app.data.status.replace('_', ' ')}`}
      />
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
            <Group justify="space-between">
              <Title order={2} size="h4">
                Panel scorecards
              </Title>
              {step2.data?.overall != null && (
                <Text size="sm">
                  Step 2 overall <b>{step2.data.overall}</b> / 5 (bar {step2.data.min_score})
                </Text>
              )}
            </Group>
            <SideBySide applicationId={applicationId} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack>
            <Decisions step3={s3} />
            {s3.my_seat && !decided && s3.outcome === 'pending' && app.data.status === 'active' && (
              <DecisionForm applicationId={applicationId} step3={s3} />
            )}
            {!s3.my_seat && (
              <Alert color="gray" variant="light">
                Only the CTO and CEO seats record the final decision.
              </Alert>
            )}
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  )
}
