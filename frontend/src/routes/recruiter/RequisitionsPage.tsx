import { Anchor, Badge, Button, Group, SegmentedControl, Text, TextInput, Tooltip } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconExternalLink, IconPlus, IconSearch } from '@tabler/icons-react'
import { useState } from 'react'
import { Link } from 'react-router'
import { PageHeader } from '../../components/PageHeader'
import { PagedTable, type Column } from '../../components/PagedTable'
import { EmptyState } from '../../components/states'
import { formatDateTime } from '../../lib/format'
import { useAuth } from '../../lib/useAuth'
import { useCursorStack } from '../../lib/useCursorStack'
import {
  useRequisitions,
  useStageCounts,
  type Requisition,
  type RequisitionStatus,
} from '../../queries/requisitions'
import { REQ_STATUS_COLORS } from './requisitionStatus'

const FILTERS = ['all', 'open', 'draft', 'paused', 'filled', 'closed']

/** Active candidates per stage of one requisition, as a row of small counts. */
function Pipeline({ perStage }: { perStage: Record<string, number> }) {
  const total = Object.values(perStage).reduce((a, b) => a + b, 0)
  return (
    <Tooltip label={`${total} active candidate${total === 1 ? '' : 's'}`}>
      <Group gap={4} wrap="nowrap" aria-label={`${total} active candidates`}>
        {Object.values(perStage).map((n, i) => (
          <Badge key={i} size="sm" variant="light" color="indigo" radius="sm">
            {n}
          </Badge>
        ))}
        {total === 0 && (
          <Text size="sm" c="dimmed">
            No candidates
          </Text>
        )}
      </Group>
    </Tooltip>
  )
}

export function RequisitionsPage() {
  const { can, me } = useAuth()
  const [status, setStatus] = useState('open')
  const [search, setSearch] = useState('')
  const [q] = useDebouncedValue(search.trim(), 300)
  const filters = {
    status: status === 'all' ? undefined : (status as RequisitionStatus),
    q: q || undefined,
  }
  const pager = useCursorStack(JSON.stringify(filters))
  const list = useRequisitions({ ...filters, cursor: pager.cursor })
  const counts = useStageCounts((list.data?.items ?? []).map((r) => r.id))

  const columns: Column<Requisition>[] = [
    {
      header: 'Title',
      render: (r) => (
        <Anchor component={Link} to={`/requisitions/${r.id}`} fw={600}>
          {r.title}
        </Anchor>
      ),
    },
    { header: 'Department', render: (r) => r.department ?? '—' },
    { header: 'Location', render: (r) => r.location ?? '—' },
    {
      header: 'Status',
      render: (r) => (
        <Badge variant="light" color={REQ_STATUS_COLORS[r.status]}>
          {r.status}
        </Badge>
      ),
    },
    { header: 'Pipeline', render: (r) => <Pipeline perStage={counts.data?.[r.id] ?? {}} /> },
    { header: 'Positions', render: (r) => `${r.positions_filled}/${r.positions_available}` },
    { header: 'Created', render: (r) => formatDateTime(r.created_at) },
  ]

  return (
    <>
      <PageHeader
        title="Requisitions"
        description="Open roles, their pipelines and where every candidate stands."
        actions={
          <>
            {me?.organization_slug && (
              <Button
                variant="default"
                component={Link}
                to={`/jobs/${me.organization_slug}`}
                target="_blank"
                leftSection={<IconExternalLink size={16} />}
              >
                Job board
              </Button>
            )}
            {can('requisitions:write') && (
              <Button component={Link} to="/requisitions/new" leftSection={<IconPlus size={16} />}>
                New requisition
              </Button>
            )}
          </>
        }
      />
      <PagedTable
        label="Requisitions"
        query={list}
        pager={pager}
        pageSize={25}
        columns={columns}
        rowKey={(r) => r.id}
        minWidth={860}
        filters={
          <Group justify="space-between">
            <SegmentedControl
              aria-label="Filter by status"
              value={status}
              onChange={setStatus}
              data={FILTERS.map((f) => ({ value: f, label: f[0].toUpperCase() + f.slice(1) }))}
            />
            <TextInput
              placeholder="Search title, description…"
              aria-label="Search requisitions"
              leftSection={<IconSearch size={16} />}
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
              w={300}
            />
          </Group>
        }
        empty={
          <EmptyState
            title="No requisitions here"
            action={
              can('requisitions:write') ? (
                <Button component={Link} to="/requisitions/new" variant="light">
                  Create one
                </Button>
              ) : undefined
            }
          >
            {q ? 'Nothing matches this search.' : `No ${status === 'all' ? '' : status} requisitions yet.`}
          </EmptyState>
        }
      />
    </>
  )
}
