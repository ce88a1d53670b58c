import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  SegmentedControl,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconExternalLink, IconPlus, IconSearch } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { Link } from 'react-router'
import { CursorPager } from '../../components/CursorPager'
import { PageHeader } from '../../components/PageHeader'
import { EmptyState } from '../../components/states'
import { formatDateTime } from '../../lib/format'
import { useAuth } from '../../lib/useAuth'
import { useCursorStack } from '../../lib/useCursorStack'
import { useRequisitions, useStageCounts, type RequisitionStatus } from '../../queries/requisitions'
import { REQ_STATUS_COLORS } from './requisitionStatus'
import { QueryView } from '../../components/QueryView'

const FILTERS = ['all', 'open', 'draft', 'paused', 'filled', 'closed']

export function RequisitionsPage() {
  const { can, me } = useAuth()
  const [status, setStatus] = useState('open')
  const [search, setSearch] = useState('')
  const [q] = useDebouncedValue(search.trim(), 300)
  const pager = useCursorStack()
  const { reset } = pager
  useEffect(reset, [status, q, reset])
  const list = useRequisitions({
    status: status === 'all' ? undefined : (status as RequisitionStatus),
    q: q || undefined,
    cursor: pager.cursor,
  })
  const items = list.data?.items ?? []
  const counts = useStageCounts(items.map((r) => r.id))

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
      <Card withBorder radius="md">
        <Group mb="md" justify="space-between">
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
        <QueryView
          query={list}
          isEmpty={items.length === 0}
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
        >
          <Table.ScrollContainer minWidth={860}>
            <Table highlightOnHover verticalSpacing="sm" aria-label="Requisitions">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Title</Table.Th>
                  <Table.Th>Department</Table.Th>
                  <Table.Th>Location</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Pipeline</Table.Th>
                  <Table.Th>Positions</Table.Th>
                  <Table.Th>Created</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((r) => {
                  const perStage = counts.data?.[r.id] ?? {}
                  const total = Object.values(perStage).reduce((a, b) => a + b, 0)
                  return (
                    <Table.Tr key={r.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/requisitions/${r.id}`} fw={600}>
                          {r.title}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{r.department ?? '—'}</Table.Td>
                      <Table.Td>{r.location ?? '—'}</Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={REQ_STATUS_COLORS[r.status]}>
                          {r.status}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
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
                      </Table.Td>
                      <Table.Td>
                        {r.positions_filled}/{r.positions_available}
                      </Table.Td>
                      <Table.Td>{formatDateTime(r.created_at)}</Table.Td>
                    </Table.Tr>
                  )
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </QueryView>
        <CursorPager
          page={pager.page}
          nextCursor={list.data?.next_cursor}
          onNext={pager.next}
          onPrevious={pager.previous}
          total={list.data?.total}
          shown={items.length}
          pageSize={25}
        />
      </Card>
    </>
  )
}
