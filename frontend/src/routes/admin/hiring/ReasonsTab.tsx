import { Badge, Button, Group, Stack, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { RejectionReasonCreate } from '../../../api/limits'
import { FormError } from '../../../components/FormError'
import { ErrorState, LoadingRows } from '../../../components/states'
import { apiRules, applyProblem } from '../../../lib/form'
import { useRejectionReasons } from '../../../queries/applications'
import { useAddRejectionReason } from '../../../queries/hiringSettings'

/** The managed list of rejection reasons recruiters pick from. */
export function ReasonsTab() {
  const reasons = useRejectionReasons()
  const add = useAddRejectionReason()
  const form = useForm({ initialValues: { label: '' }, validate: apiRules(RejectionReasonCreate) })
  const submit = form.onSubmit(async ({ label }) => {
    try {
      await add.mutateAsync(label.trim())
      form.reset()
    } catch (err) {
      applyProblem(form, err)
    }
  })
  return (
    <Stack>
      <form onSubmit={submit} noValidate>
        <Stack gap="xs">
          <Group align="flex-start">
            <TextInput
              style={{ flex: 1 }}
              label="New reason"
              maxLength={120}
              {...form.getInputProps('label')}
            />
            <Button
              type="submit"
              mt={25}
              disabled={form.values.label.trim().length < 2}
              loading={form.submitting}
            >
              Add
            </Button>
          </Group>
          <FormError form={form} />
        </Stack>
      </form>
      {reasons.isError ? (
        <ErrorState error={reasons.error} onRetry={() => void reasons.refetch()} />
      ) : !reasons.data ? (
        <LoadingRows rows={3} />
      ) : (
        <Group gap="xs" role="list" aria-label="Rejection reasons">
          {reasons.data.map((r) => (
            <Badge key={r.id} variant="light" size="lg" tt="none" role="listitem">
              {r.label}
            </Badge>
          ))}
        </Group>
      )}
    </Stack>
  )
}
