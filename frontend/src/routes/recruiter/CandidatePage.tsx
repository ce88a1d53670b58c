import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  FileButton,
  Grid,
  Modal,
  Group,
  Stack,
  Table,
  TagsInput,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { modals } from '@mantine/modals'
import { notifications } from '@mantine/notifications'
import { useQueryClient } from '@tanstack/react-query'
import { IconDownload, IconPencil, IconUpload } from '@tabler/icons-react'
import { useEffect, useState, type FormEvent } from 'react'
import { Link, useParams } from 'react-router'
import { EmptyState, ErrorState, LoadingRows } from '../../components/states'
import { formatDateTime } from '../../lib/format'
import { download } from '../../api/client'
import { ApiError, errorMessage, fieldErrors } from '../../lib/problem'
import { useAuth } from '../../lib/useAuth'
import { useApplications } from '../../queries/applications'
import {
  resumeBlobUrl,
  uploadResume,
  useCandidate,
  useDuplicates,
  useMerge,
  useUpdateCandidate,
  type Candidate,
} from '../../queries/candidates'
import { ApplicationDrawer } from './ApplicationDrawer'

function ResumePreview({ candidateId, version }: { candidateId: string; version: string | null }) {
  const [url, setUrl] = useState<string | null>(null)
  const [failed, setFailed] = useState(false)
  useEffect(() => {
    if (!version) return
    let revoked: string | null = null
    resumeBlobUrl(candidateId)
      .then((u) => {
        revoked = u
        setUrl(u)
      })
      .catch(() => setFailed(true))
    return () => {
      if (revoked) URL.revokeObjectURL(revoked)
    }
  }, [candidateId, version])
  if (!version)
    return <EmptyState title="No résumé yet">Upload a PDF or Word file (at most 10 MB).</EmptyState>
  if (failed)
    return (
      <Text size="sm" c="red">
        The résumé could not be loaded.
      </Text>
    )
  if (!url) return <LoadingRows rows={3} />
  return (
    <iframe
      title="Résumé"
      src={url}
      style={{ width: '100%', height: 560, border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }}
    />
  )
}

function Duplicates({ candidateId, canMerge }: { candidateId: string; canMerge: boolean }) {
  const dupes = useDuplicates(candidateId)
  const merge = useMerge()
  if (!dupes.data?.length) return null
  return (
    <Alert color="yellow" title="Possible duplicates" mb="md">
      <Stack gap="xs">
        {dupes.data.map((d) => (
          <Group key={d.id} justify="space-between">
            <Text size="sm">
              <Anchor component={Link} to={`/candidates/${d.id}`}>
                {d.full_name}
              </Anchor>{' '}
              · {d.email}
              {d.phone ? ` · ${d.phone}` : ''}
            </Text>
            {canMerge && (
              <Button
                size="xs"
                variant="light"
                loading={merge.isPending}
                onClick={() =>
                  modals.openConfirmModal({
                    title: `Merge ${d.full_name} (${d.email}) into this profile?`,
                    children: (
                      <Text size="sm">
                        Their applications, missing details and tags move here. The duplicate is hidden but
                        its history is kept.
                      </Text>
                    ),
                    labels: { confirm: 'Merge', cancel: 'Cancel' },
                    onConfirm: () =>
                      merge.mutate(
                        { id: candidateId, duplicateId: d.id },
                        { onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }) },
                      ),
                  })
                }
              >
                Merge into this profile
              </Button>
            )}
          </Group>
        ))}
      </Stack>
    </Alert>
  )
}

function EditCandidateModal({ candidate, onClose }: { candidate: Candidate; onClose: () => void }) {
  const [form, setForm] = useState({
    first_name: candidate.first_name,
    last_name: candidate.last_name,
    email: candidate.email,
    phone: candidate.phone ?? '',
    location: candidate.location ?? '',
    source: candidate.source ?? '',
  })
  const [tags, setTags] = useState(candidate.tags)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const update = useUpdateCandidate()
  const field = (key: keyof typeof form, label: string) => (
    <TextInput
      label={label}
      value={form[key]}
      onChange={(e) => setForm({ ...form, [key]: e.currentTarget.value })}
      error={errors[key]}
    />
  )
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    try {
      await update.mutateAsync({
        id: candidate.id,
        body: {
          ...form,
          phone: form.phone || null,
          location: form.location || null,
          source: form.source || null,
          tags,
        },
      })
      onClose()
    } catch (err) {
      const f = err instanceof ApiError ? fieldErrors(err.problem) : {}
      setErrors(Object.keys(f).length ? f : { form: errorMessage(err) })
    }
  }
  return (
    <Modal opened onClose={onClose} title={`Edit ${candidate.full_name}`} centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Group grow>
            {field('first_name', 'First name')}
            {field('last_name', 'Last name')}
          </Group>
          {field('email', 'Email')}
          <Group grow>
            {field('phone', 'Phone')}
            {field('location', 'Location')}
          </Group>
          {field('source', 'Source')}
          <TagsInput label="Tags" value={tags} onChange={setTags} maxTags={20} />
          {errors.form && (
            <Text c="red" size="sm" role="alert">
              {errors.form}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={update.isPending}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}

export function CandidatePage() {
  const { id = '' } = useParams()
  const { can } = useAuth()
  const candidate = useCandidate(id)
  const applications = useApplications({ candidate_id: id })
  const queryClient = useQueryClient()
  const [open, setOpen] = useState<string | null>(null)
  const [uploading, setUploading] = useState(false)
  const [editing, setEditing] = useState(false)
  const c = candidate.data
  if (candidate.isError)
    return <ErrorState error={candidate.error} onRetry={() => void candidate.refetch()} />
  if (!c) return <LoadingRows />

  const upload = async (file: File | null) => {
    if (!file) return
    setUploading(true)
    try {
      await uploadResume(c.id, file)
      await queryClient.invalidateQueries({ queryKey: ['candidates'] })
      notifications.show({ color: 'green', message: 'Résumé uploaded' })
    } catch (e) {
      notifications.show({ color: 'red', title: 'Upload refused', message: errorMessage(e) })
    } finally {
      setUploading(false)
    }
  }

  return (
    <>
      <Group justify="space-between" mb="md">
        <Stack gap={2}>
          <Title order={1} size="h2">
            {c.full_name}
          </Title>
          <Text c="dimmed" size="sm">
            {[c.email, c.phone, c.location].filter(Boolean).join(' · ')}
          </Text>
          <Group gap={4}>
            {c.duplicate_of_id && (
              <Badge
                color="yellow"
                component={Link}
                to={`/candidates/${c.duplicate_of_id}`}
                style={{ cursor: 'pointer' }}
              >
                Possible duplicate: review the existing profile
              </Badge>
            )}
            {c.source && <Badge variant="light">{c.source}</Badge>}
            {c.tags.map((t) => (
              <Badge key={t} variant="outline" size="sm">
                {t}
              </Badge>
            ))}
          </Group>
        </Stack>
        <Group gap="xs">
          {c.resume_file_id && (
            <Button
              variant="default"
              leftSection={<IconDownload size={16} />}
              onClick={() => void download(`/api/v1/candidates/${c.id}/resume`, `${c.full_name} résumé`)}
            >
              Download résumé
            </Button>
          )}
          {can('candidates:write') && (
            <Button variant="default" leftSection={<IconPencil size={16} />} onClick={() => setEditing(true)}>
              Edit
            </Button>
          )}
          {can('candidates:write') && (
            <FileButton onChange={upload} accept="application/pdf,.docx">
              {(props) => (
                <Button {...props} variant="light" loading={uploading} leftSection={<IconUpload size={16} />}>
                  Upload résumé
                </Button>
              )}
            </FileButton>
          )}
        </Group>
      </Group>
      <Duplicates candidateId={c.id} canMerge={can('candidates:write')} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Card withBorder radius="md">
            <Title order={2} size="h4" mb="sm">
              Applications
            </Title>
            {applications.isError ? (
              <ErrorState error={applications.error} />
            ) : !applications.data ? (
              <LoadingRows rows={2} />
            ) : applications.data.items.length === 0 ? (
              <Text size="sm" c="dimmed">
                Not in any pipeline yet.
              </Text>
            ) : (
              <Table verticalSpacing="xs" aria-label="Applications">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Requisition</Table.Th>
                    <Table.Th>Stage</Table.Th>
                    <Table.Th>Status</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {applications.data.items.map((a) => (
                    <Table.Tr key={a.id} style={{ cursor: 'pointer' }} onClick={() => setOpen(a.id)}>
                      <Table.Td>
                        <Anchor
                          component={Link}
                          to={`/requisitions/${a.requisition_id}`}
                          onClick={(e) => e.stopPropagation()}
                        >
                          {a.requisition_title}
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          since {formatDateTime(a.created_at)}
                        </Text>
                      </Table.Td>
                      <Table.Td>{a.stage_name ?? '—'}</Table.Td>
                      <Table.Td>
                        <Badge
                          variant="dot"
                          color={a.status === 'active' ? 'green' : a.status === 'rejected' ? 'red' : 'gray'}
                        >
                          {a.status.replace('_', ' ')}
                        </Badge>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            <Text size="xs" c="dimmed" mt="sm">
              Open an application for its timeline and notes.
            </Text>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Card withBorder radius="md">
            <Title order={2} size="h4" mb="sm">
              Résumé
            </Title>
            <ResumePreview candidateId={c.id} version={c.resume_file_id} />
          </Card>
        </Grid.Col>
      </Grid>
      <ApplicationDrawer id={open} stageNames={{}} onClose={() => setOpen(null)} />
      {editing && <EditCandidateModal candidate={c} onClose={() => setEditing(false)} />}
    </>
  )
}
