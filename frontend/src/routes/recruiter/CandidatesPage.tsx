import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Menu,
  Modal,
  Stack,
  Switch,
  Table,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { notifications } from '@mantine/notifications'
import { IconDownload, IconPlus, IconSearch, IconUpload } from '@tabler/icons-react'
import { download } from '../../api/client'
import { ImportWizard } from './ImportWizard'
import { useEffect, useState, type FormEvent } from 'react'
import { Link } from 'react-router'
import { CursorPager } from '../../components/CursorPager'
import { PageHeader } from '../../components/PageHeader'
import { SortableTh } from '../../components/SortableTh'
import { EmptyState } from '../../components/states'
import { formatDateTime } from '../../lib/format'
import { ApiError, errorMessage, fieldErrors } from '../../lib/problem'
import { useAuth } from '../../lib/useAuth'
import { useCursorStack } from '../../lib/useCursorStack'
import { useCandidates, useCreateCandidate } from '../../queries/candidates'
import { QueryView } from '../../components/QueryView'

function NewCandidateModal({ onClose }: { onClose: () => void }) {
  const [form, setForm] = useState({
    first_name: '',
    last_name: '',
    email: '',
    phone: '',
    location: '',
    source: '',
  })
  const [tags, setTags] = useState<string[]>([])
  const [errors, setErrors] = useState<Record<string, string>>({})
  const create = useCreateCandidate()
  const field = (key: keyof typeof form, label: string, required = false) => (
    <TextInput
      label={label}
      required={required}
      value={form[key]}
      onChange={(e) => setForm({ ...form, [key]: e.currentTarget.value })}
      error={errors[key]}
    />
  )
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    try {
      await create.mutateAsync({
        ...form,
        phone: form.phone || null,
        location: form.location || null,
        source: form.source || null,
        tags,
        owner_id: null,
      })
      notifications.show({ color: 'green', message: `${form.first_name} added to the talent pool` })
      onClose()
    } catch (err) {
      const fields = err instanceof ApiError ? fieldErrors(err.problem) : {}
      setErrors(Object.keys(fields).length ? fields : { form: errorMessage(err) })
    }
  }
  return (
    <Modal opened onClose={onClose} title="New candidate" centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Group grow>
            {field('first_name', 'First name', true)}
            {field('last_name', 'Last name', true)}
          </Group>
          {field('email', 'Email', true)}
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
            <Button type="submit" loading={create.isPending}>
              Add candidate
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}

export function CandidatesPage() {
  const { can, me } = useAuth()
  const [search, setSearch] = useState('')
  const [q] = useDebouncedValue(search.trim(), 300)
  const [sort, setSort] = useState('-created_at')
  const [creating, setCreating] = useState(false)
  const [importing, setImporting] = useState(false)
  const pager = useCursorStack()
  const { reset } = pager
  const [mine, setMine] = useState(false)
  const [tag, setTag] = useState('')
  const [tagFilter] = useDebouncedValue(tag.trim(), 300)
  useEffect(reset, [q, sort, mine, tagFilter, reset])
  const list = useCandidates({
    q: q || undefined,
    sort,
    cursor: pager.cursor,
    owner_id: mine ? me?.id : undefined,
    tag: tagFilter || undefined,
  })
  const items = list.data?.items ?? []
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
                  <Menu.Item
                    onClick={() => void download('/api/v1/candidates/export?format=csv', 'candidates.csv')}
                  >
                    CSV
                  </Menu.Item>
                  <Menu.Item
                    onClick={() => void download('/api/v1/candidates/export?format=xlsx', 'candidates.xlsx')}
                  >
                    Excel (XLSX)
                  </Menu.Item>
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
      <Card withBorder radius="md">
        <Group mb="md" gap="sm" wrap="wrap">
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
        <QueryView
          query={list}
          isEmpty={items.length === 0}
          empty={
            <EmptyState title={q ? 'No candidate matches' : 'The talent pool is empty'}>
              Candidates arrive from the job board or are added here.
            </EmptyState>
          }
        >
          <Table.ScrollContainer minWidth={760}>
            <Table highlightOnHover verticalSpacing="sm" aria-label="Candidates">
              <Table.Thead>
                <Table.Tr>
                  <SortableTh field="last_name" sort={sort} onSort={setSort}>
                    Name
                  </SortableTh>
                  <SortableTh field="email" sort={sort} onSort={setSort}>
                    Email
                  </SortableTh>
                  <Table.Th>Location</Table.Th>
                  <Table.Th>Source</Table.Th>
                  <Table.Th>Tags</Table.Th>
                  <SortableTh field="created_at" sort={sort} onSort={setSort}>
                    Added
                  </SortableTh>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>
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
                    </Table.Td>
                    <Table.Td>{c.email}</Table.Td>
                    <Table.Td>{c.location ?? '—'}</Table.Td>
                    <Table.Td>{c.source ?? '—'}</Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {c.tags.map((t) => (
                          <Badge key={t} size="xs" variant="outline">
                            {t}
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>{formatDateTime(c.created_at)}</Table.Td>
                  </Table.Tr>
                ))}
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
      {creating && <NewCandidateModal onClose={() => setCreating(false)} />}
      {importing && <ImportWizard onClose={() => setImporting(false)} />}
    </>
  )
}
