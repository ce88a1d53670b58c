import {
  Badge,
  Card,
  Group,
  NativeSelect,
  Stack,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconSearch } from '@tabler/icons-react'
import { useState } from 'react'
import { Link, useParams } from 'react-router'
import { PagedList } from '../../components/PagedList'
import { EmptyState } from '../../components/states'
import { formatRelative } from '../../lib/format'
import { useCursorStack } from '../../lib/useCursorStack'
import { useJobBoard, type PublicJob } from '../../queries/jobBoard'
import { jobMeta } from './jobLabels'
import { PublicLayout } from './PublicLayout'

const PAGE_SIZE = 20

/** "12 open roles", or "20+ open roles" when the API does not count them. */
function countLabel(data: { items: unknown[]; total?: number | null; next_cursor?: string | null }): string {
  const n = data.total ?? data.items.length
  const more = data.total == null && data.next_cursor ? '+' : ''
  return `${n}${more} open role${n === 1 && !more ? '' : 's'}`
}

export function JobBoardPage() {
  const { slug = '' } = useParams()
  const [search, setSearch] = useState('')
  const [q] = useDebouncedValue(search.trim(), 300)
  const [type, setType] = useState('')
  const [place, setPlace] = useState('')
  const [location] = useDebouncedValue(place.trim(), 300)
  const filters = {
    q: q || undefined,
    employment_type: (type || undefined) as PublicJob['employment_type'] | undefined,
    location: location || undefined,
  }
  const pager = useCursorStack(JSON.stringify(filters))
  const jobs = useJobBoard(slug, { ...filters, cursor: pager.cursor })
  return (
    <PublicLayout>
      <Stack gap="lg">
        <Stack gap={4}>
          <Title order={1}>Open positions</Title>
          <Text c="dimmed">{jobs.data ? countLabel(jobs.data) : ' '}</Text>
        </Stack>
        <PagedList
          query={jobs}
          pager={pager}
          pageSize={PAGE_SIZE}
          card={false}
          filters={
            <Group grow preventGrowOverflow={false} wrap="wrap">
              <TextInput
                size="md"
                placeholder="Search roles, skills…"
                aria-label="Search jobs"
                leftSection={<IconSearch size={18} />}
                value={search}
                onChange={(e) => setSearch(e.currentTarget.value)}
              />
              <TextInput
                size="md"
                placeholder="Location"
                aria-label="Location"
                value={place}
                onChange={(e) => setPlace(e.currentTarget.value)}
                maw={220}
              />
              {/* The phone's own picker: the job board is often opened on one. */}
              <NativeSelect
                size="md"
                aria-label="Employment type"
                value={type}
                onChange={(e) => setType(e.currentTarget.value)}
                maw={200}
                data={[
                  { value: '', label: 'Any type' },
                  { value: 'full_time', label: 'Full-time' },
                  { value: 'part_time', label: 'Part-time' },
                  { value: 'contract', label: 'Contract' },
                  { value: 'internship', label: 'Internship' },
                ]}
              />
            </Group>
          }
          empty={<EmptyState title="No open roles match">Try other words, or come back soon.</EmptyState>}
        >
          {(items) => (
            <Stack gap="sm" component="nav" aria-label="Jobs">
              {items.map((job) => (
                <UnstyledButton key={job.id} component={Link} to={`/jobs/${slug}/${job.id}`}>
                  <Card withBorder radius="md" p="lg">
                    <Group justify="space-between" wrap="nowrap">
                      <Stack gap={4}>
                        <Text fw={700} size="lg">
                          {job.title}
                        </Text>
                        <Text size="sm" c="dimmed">
                          {jobMeta(job)}
                        </Text>
                      </Stack>
                      <Badge variant="light" visibleFrom="xs">
                        {formatRelative(job.published_at)}
                      </Badge>
                    </Group>
                  </Card>
                </UnstyledButton>
              ))}
            </Stack>
          )}
        </PagedList>
      </Stack>
    </PublicLayout>
  )
}
