import { Button, Group, Modal, Stack, TagsInput, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { CandidateCreate } from '../../api/limits'
import { FormError } from '../../components/FormError'
import { apiRules, applyProblem } from '../../lib/form'
import { notifySuccess } from '../../lib/notify'
import { useCreateCandidate, useUpdateCandidate, type Candidate } from '../../queries/candidates'

/** Add a candidate to the talent pool, or edit one (`candidate`). */
export function CandidateFormModal({ candidate, onClose }: { candidate?: Candidate; onClose: () => void }) {
  const create = useCreateCandidate()
  const update = useUpdateCandidate()
  const form = useForm({
    initialValues: {
      first_name: candidate?.first_name ?? '',
      last_name: candidate?.last_name ?? '',
      email: candidate?.email ?? '',
      phone: candidate?.phone ?? '',
      location: candidate?.location ?? '',
      source: candidate?.source ?? '',
      tags: candidate?.tags ?? ([] as string[]),
    },
    validate: apiRules(CandidateCreate),
  })
  const submit = form.onSubmit(async (v) => {
    const body = {
      first_name: v.first_name.trim(),
      last_name: v.last_name.trim(),
      email: v.email.trim(),
      phone: v.phone.trim() || null,
      location: v.location.trim() || null,
      source: v.source.trim() || null,
      tags: v.tags,
    }
    try {
      if (candidate) await update.mutateAsync({ id: candidate.id, body })
      else {
        await create.mutateAsync({ ...body, owner_id: null })
        notifySuccess(`${body.first_name} added to the talent pool`)
      }
      onClose()
    } catch (err) {
      applyProblem(form, err)
    }
  })
  const text = (
    key: 'first_name' | 'last_name' | 'email' | 'phone' | 'location' | 'source',
    label: string,
  ) => <TextInput label={label} required={CandidateCreate[key]?.required} {...form.getInputProps(key)} />
  return (
    <Modal
      opened
      onClose={onClose}
      title={candidate ? `Edit ${candidate.full_name}` : 'New candidate'}
      centered
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <Group grow>
            {text('first_name', 'First name')}
            {text('last_name', 'Last name')}
          </Group>
          {text('email', 'Email')}
          <Group grow>
            {text('phone', 'Phone')}
            {text('location', 'Location')}
          </Group>
          {text('source', 'Source')}
          <TagsInput label="Tags" maxTags={20} {...form.getInputProps('tags')} />
          <FormError form={form} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={form.submitting}>
              {candidate ? 'Save' : 'Add candidate'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
