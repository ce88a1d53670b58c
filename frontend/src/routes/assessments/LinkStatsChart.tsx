import '@mantine/charts/styles.css'
import { DonutChart } from '@mantine/charts'
import { Card, Group, Stack, Text } from '@mantine/core'
import type { LinkStats } from '../../queries/assessments'
import { LINK_STATES } from './labels'

/** Where the links stand, as a donut (people compare shares at a glance), with the rates that matter next to it.
 * Loaded lazily: the chart library is only for this page. */
export default function LinkStatsChart({ stats }: { stats: LinkStats }) {
  // `active` counts the links expiring soon too: the donut shows them apart, so each link is counted once.
  const share = (state: (typeof LINK_STATES)[number]['value']) =>
    state === 'active' ? stats.active - stats.expiring_soon : stats[state]
  const data = LINK_STATES.map((s) => ({
    name: s.label,
    value: share(s.value),
    color: `${s.color}.6`,
  })).filter((d) => d.value > 0)
  const sent = LINK_STATES.reduce((n, s) => n + share(s.value), 0)
  if (sent === 0) return null
  const rate = (n: number) => `${Math.round((n / sent) * 100)}%`
  const unused = stats.expired + stats.revoked
  return (
    <Card withBorder radius="md" mb="md" p="md">
      <Group gap="xl" wrap="wrap" align="center">
        <DonutChart
          data={data}
          size={140}
          thickness={22}
          withTooltip
          tooltipDataSource="segment"
          chartLabel={`${sent} links`}
          aria-label={`Links by state: ${data.map((d) => `${d.name} ${d.value}`).join(', ')}`}
          role="img"
        />
        <Stack gap={6}>
          {data.map((d) => (
            <Group key={d.name} gap="xs">
              <div
                aria-hidden
                style={{
                  width: 10,
                  height: 10,
                  borderRadius: 5,
                  background: `var(--mantine-color-${d.color.replace('.', '-')})`,
                }}
              />
              <Text size="sm">
                {d.name}: <b>{d.value}</b>
              </Text>
            </Group>
          ))}
        </Stack>
        <Stack gap={4}>
          <Text size="sm">
            Completed: <b>{rate(stats.completed)}</b> of links sent
          </Text>
          <Text size="sm">
            Started but not finished: <b>{stats.started}</b>
          </Text>
          <Text size="sm">
            Never used (expired or revoked): <b>{rate(unused)}</b>
          </Text>
          {stats.expiring_soon > 0 && (
            <Text size="sm" c="orange">
              {stats.expiring_soon} expire within 48 hours
            </Text>
          )}
        </Stack>
      </Group>
    </Card>
  )
}
