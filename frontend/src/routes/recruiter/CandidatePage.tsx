import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  FileButton,
  Grid,
  Group,
  Stack,
  Text,
  Title,
} from '@mantine/core'
import { modals } from '@mantine/modals'
import { IconDownload, IconPencil, IconUpload } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { Link, useParams } from 'react-router'
import { download } from '../../api/client'
import { PagedTable, type Column } from '../../components/PagedTable'
import { EmptyState, ErrorState, LoadingRows } from '../../components/states'
import { formatDateTime } from '../../lib/format'
import { notifyError, notifySuccess } from '../../lib/notify'
import { useAuth } from '../../lib/useAuth'
import { useApplications, type ApplicationRow } from '../../queries/applications'
import {
  resumeBlobUrl,
  useCandidate,
  useDuplicates,
  useMerge,
  useUploadResume,
} from '../../queries/candidates'
import { ApplicationDrawer } from './ApplicationDrawer'
import { CandidateFormModal } from './CandidateFormModal'

const APPLICATION_COLUMNS: Column<ApplicationRow>[] = [
  {
    header: 'Requisition',
    render: (a) => (
      <>
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
      </>
    ),
  },
  { header: 'Stage', render: (a) => a.stage_name ?? '—' },
  {
    header: 'Status',
    render: (a) => (
      <Badge variant="dot" color={a.status === 'active' ? 'green' : a.status === 'rejected' ? 'red' : 'gray'}>
        {a.status.replace('_', ' ')}
      </Badge>
    ),
  },
]

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
                      merge.mutate({ id: candidateId, duplicateId: d.id }, { onError: notifyError }),
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

export function CandidatePage() {
  const { id = '' } = useParams()
  const { can } = useAuth()
  const candidate = useCandidate(id)
  const applications = useApplications({ candidate_id: id })
  const uploadResume = useUploadResume()
  const [open, setOpen] = useState<string | null>(null)
  const [editing, setEditing] = useState(false)
  const c = candidate.data
  if (candidate.isError)
    return <ErrorState error={candidate.error} onRetry={() => void candidate.refetch()} />
  if (!c) return <LoadingRows />

  const upload = (resume: File | null) =>
    resume &&
    uploadResume.mutate(
      { id: c.id, resume },
      { onSuccess: () => notifySuccess('Résumé uploaded'), onError: (e) => notifyError(e, 'Upload refused') },
    )

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
              onClick={() =>
                void download(`/api/v1/candidates/${c.id}/resume`, `${c.full_name} résumé`).catch(notifyError)
              }
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
                <Button
                  {...props}
                  variant="light"
                  loading={uploadResume.isPending}
                  leftSection={<IconUpload size={16} />}
                >
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
            <PagedTable
              label="Applications"
              card={false}
              query={applications}
              columns={APPLICATION_COLUMNS}
              rowKey={(a) => a.id}
              verticalSpacing="xs"
              onRowClick={(a) => setOpen(a.id)}
              empty={
                <Text size="sm" c="dimmed">
                  Not in any pipeline yet.
                </Text>
              }
            />
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
      {editing && <CandidateFormModal candidate={c} onClose={() => setEditing(false)} />}
    </>
  )
}
