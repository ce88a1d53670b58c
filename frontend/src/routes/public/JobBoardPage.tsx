import { Badge, Card, Group, Select, Stack, Text, TextInput, Title, UnstyledButton } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconSearch } from '@tabler/icons-react'
import { useState } from 'react'
import { Link, useParams } from 'react-router'
import { EmptyState, ErrorState, LoadingRows } from '../../components/states'
import { formatRelative } from '../../lib/format'
import { useJobBoard, type PublicJob } from '../../queries/jobBoard'
import { jobMeta } from './jobLabels'
import { PublicLayout } from './PublicLayout'

export function JobBoardPage() {
  const { slug = '' } = useParams()
  const [search, setSearch] = useState('')
  const [q] = useDebouncedValue(search.trim(), 300)
  const [type, setType] = useState<string | null>(null)
  const [place, setPlace] = useState('')
  const [location] = useDebouncedValue(place.trim(), 300)
  const jobs = useJobBoard(slug, {
    q: q || undefined,
    employment_type: (type as PublicJob['employment_type']) ?? undefined,
    location: location || undefined,
  })
  const items = jobs.data?.items ?? []
  return (
    <PublicLayout>
      <Stack gap="lg">
        <Stack gap={4}>
          <Title order={1}>Open positions</Title>
          <Text c="dimmed">
            {jobs.data ? `${jobs.data.total} open role${jobs.data.total === 1 ? '' : 's'}` : ' '}
          </Text>
        </Stack>
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
          <Select
            size="md"
            placeholder="Any type"
            aria-label="Employment type"
            clearable
            value={type}
            onChange={setType}
            maw={200}
            data={[
              { value: 'full_time', label: 'Full-time' },
              { value: 'part_time', label: 'Part-time' },
              { value: 'contract', label: 'Contract' },
              { value: 'internship', label: 'Internship' },
            ]}
          />
        </Group>
        {jobs.isError ? (
          <ErrorState error={jobs.error} />
        ) : jobs.isLoading ? (
          <LoadingRows />
        ) : items.length === 0 ? (
          <EmptyState title="No open roles match">Try other words, or come back soon.</EmptyState>
        ) : (
          <Stack gap="sm" component="nav" aria-label="Jobs">
            {items.map((job) => (
              <UnstyledButton
                key={job.id}
                component={Link}
                to={`/jobs/${slug}/${job.id}`}
                aria-label={`${job.title}, ${jobMeta(job)}`}
              >
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
      </Stack>
    </PublicLayout>
  )
}
