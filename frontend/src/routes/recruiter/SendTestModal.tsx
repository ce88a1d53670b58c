import { Button, Group, Modal, NumberInput, Select, Stack, Text } from '@mantine/core'
import { useForm } from '@mantine/form'
import { FormError } from '../../components/FormError'
import { applyProblem } from '../../lib/form'
import { notifySuccess } from '../../lib/notify'
import { useAssessmentOptions, useBulkSendTest, useSendTest } from '../../queries/assessments'

/** Send an assessment link to one application (the drawer) or several (the board's bulk action). Without a
 * choice, each gets the assessment of its current stage; the expiry follows the organization's link rules. */
export function SendTestModal({
  applicationIds,
  candidateName,
  onClose,
  onSent,
}: {
  applicationIds: string[]
  /** For one application: whose link it is. */
  candidateName?: string
  onClose: () => void
  onSent?: () => void
}) {
  const assessments = useAssessmentOptions()
  const send = useSendTest()
  const bulk = useBulkSendTest()
  const form = useForm({
    initialValues: { assessment_id: null as string | null, days: '' as number | string },
    validate: {
      days: (d) => (d !== '' && (Number(d) < 1 || Number(d) > 90) ? 'Between 1 and 90 days.' : null),
    },
  })
  const single = applicationIds.length === 1
  const submit = form.onSubmit(async (v) => {
    const common = { assessment_id: v.assessment_id, days: v.days === '' ? null : Number(v.days) }
    try {
      if (single) {
        await send.mutateAsync({ application_id: applicationIds[0], ...common })
        notifySuccess(`Test sent to ${candidateName ?? 'the candidate'}: link and access code by email`)
      } else {
        const r = await bulk.mutateAsync({ application_ids: applicationIds, ...common })
        notifySuccess(
          `${r.created.length} test${r.created.length === 1 ? '' : 's'} sent` +
            (r.skipped.length
              ? `; ${r.skipped.length} skipped: ${[...new Set(r.skipped.map((s) => s.reason))].join('; ')}`
              : ''),
        )
      }
      onSent?.()
      onClose()
    } catch (err) {
      applyProblem(form, err)
    }
  })
  return (
    <Modal
      opened
      onClose={onClose}
      centered
      title={
        single
          ? `Send a test to ${candidateName ?? 'the candidate'}`
          : `Send a test to ${applicationIds.length} candidates`
      }
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <Select
            label="Assessment"
            placeholder="The one their current stage sends"
            clearable
            searchable
            data={(assessments.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
            {...form.getInputProps('assessment_id')}
          />
          <NumberInput
            label="Link open for (days)"
            placeholder="The link rules' default"
            min={1}
            max={90}
            {...form.getInputProps('days')}
          />
          <Text size="xs" c="dimmed">
            The candidate gets the link, a username and an access code by email, with the expiry in their time
            zone. An expiry on a weekend moves to Monday 09:00.
          </Text>
          <FormError form={form} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={form.submitting}>
              Send test
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
