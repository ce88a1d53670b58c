import { ActionIcon, Badge, Button, Menu, Text } from '@mantine/core'
import { modals } from '@mantine/modals'
import { IconDots, IconEye, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react'
import { useState } from 'react'
import { Link, useNavigate } from 'react-router'
import { ListToolbar } from '../../components/ListToolbar'
import { PageHeader } from '../../components/PageHeader'
import { PagedTable, type Column } from '../../components/PagedTable'
import { EmptyState } from '../../components/states'
import { formatDateTime, formatRelative } from '../../lib/format'
import { notifyError, notifySuccess } from '../../lib/notify'
import { useAuth } from '../../lib/useAuth'
import { useCursorStack } from '../../lib/useCursorStack'
import { useAssessments, useDeleteAssessment, type AssessmentRow } from '../../queries/assessments'

const PAGE_SIZE = 20

export function AssessmentsPage() {
  const { can } = useAuth()
  const navigate = useNavigate()
  const canWrite = can('assessments:write')
  const [q, setQ] = useState('')
  const [archived, setArchived] = useState('live')
  const [sort, setSort] = useState('-created_at')
  const remove = useDeleteAssessment()
  const filters = { sort, q: q || undefined, archived: archived === 'archived' }
  const pager = useCursorStack(JSON.stringify(filters))
  const assessments = useAssessments({ ...filters, limit: PAGE_SIZE, cursor: pager.cursor })

  const confirmDelete = (a: AssessmentRow) =>
    modals.openConfirmModal({
      title: `Delete ${a.name}?`,
      children: (
        <Text size="sm">
          An assessment nothing refers to is deleted. One that links or results refer to is archived instead:
          kept for them, sent by no stage any more.
        </Text>
      ),
      labels: { confirm: 'Delete', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        remove.mutate(a.id, {
          onSuccess: (r) =>
            notifySuccess(r.deleted ? `${a.name} deleted` : `${a.name} archived (it has results)`),
          onError: notifyError,
        }),
    })

  const columns: Column<AssessmentRow>[] = [
    {
      header: 'Name',
      sort: 'name',
      render: (a) => (
        <Text component={Link} to={`/assessments/${a.id}`} fw={600} size="sm" c="indigo">
          {a.name}
        </Text>
      ),
    },
    {
      header: 'Step',
      render: (a) => (
        <Badge variant="light" color={a.step === 1 ? 'indigo' : 'grape'}>
          Step {a.step}
        </Badge>
      ),
    },
    {
      header: 'Questions',
      render: (a) => `${a.question_count} in ${a.section_count} section${a.section_count === 1 ? '' : 's'}`,
    },
    { header: 'Duration', render: (a) => `${a.duration_minutes} min` },
    {
      header: 'Updated',
      sort: 'updated_at',
      render: (a) => formatRelative(a.updated_at),
      td: (a) => ({ title: formatDateTime(a.updated_at) }),
    },
    { header: 'Created', sort: 'created_at', render: (a) => formatDateTime(a.created_at) },
    {
      header: 'Actions',
      hiddenHeader: true,
      render: (a) => (
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={`Actions for ${a.name}`}
              onClick={(e) => e.stopPropagation()}
            >
              <IconDots size={18} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item
              leftSection={<IconEye size={16} />}
              onClick={() => navigate(`/assessments/${a.id}/preview`)}
            >
              Preview as a candidate
            </Menu.Item>
            {canWrite && (
              <Menu.Item
                leftSection={<IconPencil size={16} />}
                onClick={() => navigate(`/assessments/${a.id}`)}
              >
                Edit
              </Menu.Item>
            )}
            {canWrite && !a.archived_at && (
              <Menu.Item color="red" leftSection={<IconTrash size={16} />} onClick={() => confirmDelete(a)}>
                Delete
              </Menu.Item>
            )}
          </Menu.Dropdown>
        </Menu>
      ),
    },
  ]

  const filtered = !!q || archived !== 'live'
  return (
    <>
      <PageHeader
        title="Assessments"
        description="The tests candidates take in Step 1: sections, timing, thresholds and proctoring."
        actions={
          canWrite && (
            <Button component={Link} to="/assessments/new" leftSection={<IconPlus size={16} />}>
              New assessment
            </Button>
          )
        }
      />
      <PagedTable
        label="Assessments"
        query={assessments}
        pager={pager}
        pageSize={PAGE_SIZE}
        columns={columns}
        rowKey={(a) => a.id}
        sort={sort}
        onSort={setSort}
        minWidth={760}
        filters={
          <ListToolbar
            searchLabel="Search assessments"
            searchPlaceholder="Search by name"
            onSearch={setQ}
            segments={{
              label: 'Show',
              value: archived,
              onChange: setArchived,
              data: [
                { label: 'In use', value: 'live' },
                { label: 'Archived', value: 'archived' },
              ],
            }}
          />
        }
        empty={
          <EmptyState
            title={filtered ? 'No assessments match' : 'No assessments yet'}
            action={
              !filtered &&
              canWrite && (
                <Button component={Link} to="/assessments/new" size="xs">
                  Create the first one
                </Button>
              )
            }
          >
            {filtered
              ? 'Try another search or show the other list.'
              : 'An assessment is what an assessment stage sends to candidates.'}
          </EmptyState>
        }
      />
    </>
  )
}
