import { Anchor, Badge, Button, Group, Menu, Switch, TextInput } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconDownload, IconPlus, IconSearch, IconUpload } from '@tabler/icons-react'
import { useState } from 'react'
import { Link } from 'react-router'
import { download } from '../../api/client'
import { PageHeader } from '../../components/PageHeader'
import { PagedTable, type Column } from '../../components/PagedTable'
import { EmptyState } from '../../components/states'
import { formatDateTime } from '../../lib/format'
import { notifyError } from '../../lib/notify'
import { useAuth } from '../../lib/useAuth'
import { useCursorStack } from '../../lib/useCursorStack'
import { useCandidates, type Candidate } from '../../queries/candidates'
import { CandidateFormModal } from './CandidateFormModal'
import { ImportWizard } from './ImportWizard'

const COLUMNS: Column<Candidate>[] = [
  {
    header: 'Name',
    sort: 'last_name',
    render: (c) => (
      <>
        <Anchor component={Link} to={`/candidates/${c.id}`} fw={600}>
          {c.full_name}
        </Anchor>
        {c.duplicate_of_id && (
          <Badge
            ml="xs"
            size="xs"
            color="yellow"
            component={Link}
            to={`/candidates/${c.duplicate_of_id}`}
            title="Applied on the job board with the address of an existing candidate: review and merge"
          >
            Possible duplicate
          </Badge>
        )}
      </>
    ),
  },
  { header: 'Email', sort: 'email', render: (c) => c.email },
  { header: 'Location', render: (c) => c.location ?? '—' },
  { header: 'Source', render: (c) => c.source ?? '—' },
  {
    header: 'Tags',
    render: (c) => (
      <Group gap={4}>
        {c.tags.map((t) => (
          <Badge key={t} size="xs" variant="outline">
            {t}
          </Badge>
        ))}
      </Group>
    ),
  },
  { header: 'Added', sort: 'created_at', render: (c) => formatDateTime(c.created_at) },
]

const exportAs = (format: 'csv' | 'xlsx') =>
  download(`/api/v1/candidates/export?format=${format}`, `candidates.${format}`).catch(notifyError)

export function CandidatesPage() {
  const { can, me } = useAuth()
  const [search, setSearch] = useState('')
  const [q] = useDebouncedValue(search.trim(), 300)
  const [sort, setSort] = useState('-created_at')
  const [creating, setCreating] = useState(false)
  const [importing, setImporting] = useState(false)
  const [mine, setMine] = useState(false)
  const [tag, setTag] = useState('')
  const [tagFilter] = useDebouncedValue(tag.trim(), 300)
  const filters = {
    q: q || undefined,
    sort,
    owner_id: mine ? me?.id : undefined,
    tag: tagFilter || undefined,
  }
  const pager = useCursorStack(JSON.stringify(filters))
  const list = useCandidates({ ...filters, cursor: pager.cursor })
  return (
    <>
      <PageHeader
        title="Candidates"
        description="Your talent pool."
        actions={
          <>
            {can('data:export') && (
              <Menu>
                <Menu.Target>
                  <Button variant="default" leftSection={<IconDownload size={16} />}>
                    Export
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item onClick={() => void exportAs('csv')}>CSV</Menu.Item>
                  <Menu.Item onClick={() => void exportAs('xlsx')}>Excel (XLSX)</Menu.Item>
                </Menu.Dropdown>
              </Menu>
            )}
            {can('candidates:write') && (
              <Button
                variant="default"
                leftSection={<IconUpload size={16} />}
                onClick={() => setImporting(true)}
              >
                Import
              </Button>
            )}
            {can('candidates:write') && (
              <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
                New candidate
              </Button>
            )}
          </>
        }
      />
      <PagedTable
        label="Candidates"
        query={list}
        pager={pager}
        pageSize={25}
        columns={COLUMNS}
        rowKey={(c) => c.id}
        sort={sort}
        onSort={setSort}
        minWidth={760}
        filters={
          <Group gap="sm" wrap="wrap">
            <TextInput
              w={320}
              placeholder="Search name, email or phone"
              aria-label="Search candidates"
              leftSection={<IconSearch size={16} />}
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
            />
            <TextInput
              placeholder="Tag"
              aria-label="Filter by tag"
              w={160}
              value={tag}
              onChange={(e) => setTag(e.currentTarget.value)}
            />
            <Switch
              label="Only my candidates"
              checked={mine}
              onChange={(e) => setMine(e.currentTarget.checked)}
            />
          </Group>
        }
        empty={
          <EmptyState title={q ? 'No candidate matches' : 'The talent pool is empty'}>
            Candidates arrive from the job board or are added here.
          </EmptyState>
        }
      />
      {creating && <CandidateFormModal onClose={() => setCreating(false)} />}
      {importing && <ImportWizard onClose={() => setImporting(false)} />}
    </>
  )
}
