import { Button, Group, Modal, Select, Stack } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useState } from 'react'
import { ApplicationCreate } from '../../api/limits'
import { FormError } from '../../components/FormError'
import { apiRules, applyProblem } from '../../lib/form'
import { useAddApplication } from '../../queries/applications'
import { useCandidates } from '../../queries/candidates'

/** Put a candidate of the talent pool into this requisition's pipeline (its first stage). */
export function AddCandidateModal({
  requisitionId,
  onClose,
}: {
  requisitionId: string
  onClose: () => void
}) {
  const [search, setSearch] = useState('')
  const candidates = useCandidates({ q: search || undefined })
  const add = useAddApplication()
  const form = useForm({
    initialValues: { candidate_id: null as string | null, requisition_id: requisitionId },
    validate: apiRules(ApplicationCreate, { messages: { candidate_id: 'Pick a candidate.' } }),
  })
  const submit = form.onSubmit(async ({ candidate_id }) => {
    try {
      await add.mutateAsync({ candidate_id: candidate_id!, requisition_id: requisitionId })
      onClose()
    } catch (err) {
      applyProblem(form, err)
    }
  })
  return (
    <Modal opened onClose={onClose} title="Add a candidate to this pipeline" centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Select
            label="Candidate"
            placeholder="Search the talent pool"
            searchable
            searchValue={search}
            onSearchChange={setSearch}
            filter={({ options }) => options}
            data={(candidates.data?.items ?? []).map((c) => ({
              value: c.id,
              label: `${c.full_name} · ${c.email}`,
            }))}
            nothingFoundMessage="No candidate found"
            {...form.getInputProps('candidate_id')}
          />
          <FormError form={form} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" disabled={!form.values.candidate_id} loading={form.submitting}>
              Add to first stage
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
