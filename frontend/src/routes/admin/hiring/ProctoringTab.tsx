import {
  ActionIcon,
  Button,
  Grid,
  Group,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconPlus, IconTrash } from '@tabler/icons-react'
import { OrganizationSettings } from '../../../api/limits'
import { FormError } from '../../../components/FormError'
import { SIGNALS_INFORM } from '../../../components/integrity/labels'
import { ErrorState, LoadingRows } from '../../../components/states'
import { apiRules, applyProblem } from '../../../lib/form'
import { notifySuccess } from '../../../lib/notify'
import {
  useOrganizationSettings,
  useSaveSettings,
  type OrganizationDetail,
} from '../../../queries/hiringSettings'
import {
  describeRule,
  EVENT_LABELS,
  LEVELS,
  MEASURE_LABELS,
  ruleFieldErrors,
  toRule,
  toValues,
  type RuleValues,
} from './severityRules'

const EVENT_OPTIONS = Object.entries(EVENT_LABELS).map(([value, label]) => ({ value, label }))
const MEASURE_OPTIONS = Object.entries(MEASURE_LABELS).map(([value, label]) => ({ value, label }))
const RULES = 'proctoring.severity_rules'

function ProctoringForm({ settings }: { settings: OrganizationDetail['settings'] }) {
  const save = useSaveSettings()
  const p = settings.proctoring
  const form = useForm({
    initialValues: {
      proctoring: {
        retention_days: p.retention_days as number | string,
        similarity_threshold: p.similarity_threshold as number | string,
        severity_rules: (p.severity_rules ?? []).map(toValues),
      },
    },
    validate: apiRules(OrganizationSettings),
  })
  const submit = form.onSubmit(async (v) => {
    try {
      await save.mutateAsync({
        proctoring: {
          retention_days: Number(v.proctoring.retention_days),
          similarity_threshold: Number(v.proctoring.similarity_threshold),
          severity_rules: v.proctoring.severity_rules.map(toRule),
        },
      })
      form.resetDirty()
      notifySuccess('Proctoring settings saved')
    } catch (err) {
      applyProblem(form, err)
      // Errors inside one rule go on that rule's row, not on the table as a whole.
      const onRows = ruleFieldErrors(err)
      if (Object.keys(onRows).length) {
        form.clearFieldError(RULES)
        for (const [path, message] of Object.entries(onRows)) form.setFieldError(path, message)
      }
    }
  })
  const rules = form.values.proctoring.severity_rules
  const addRule = () =>
    form.insertListItem(RULES, {
      type: 'focus_lost',
      measure: 'count',
      medium: '',
      high: '',
      critical: '',
    } satisfies RuleValues)
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm" c="dimmed">
          Each event the test player records is low severity until it reaches a rule’s threshold; the
          severities make up a test’s risk tier. {SIGNALS_INFORM}
        </Text>
        <FormError form={form} />
        <Grid>
          <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
            <NumberInput
              label="Keep raw events and snapshots (days)"
              description="Summaries and verdicts stay."
              min={7}
              max={3650}
              allowDecimal={false}
              {...form.getInputProps('proctoring.retention_days')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
            <NumberInput
              label="Code similarity signal from (%)"
              description="Pairs of answers at least this similar are shown to reviewers."
              min={10}
              max={100}
              {...form.getInputProps('proctoring.similarity_threshold')}
            />
          </Grid.Col>
        </Grid>
        <Group justify="space-between" align="flex-end">
          <Stack gap={0}>
            <Title order={3} size="h5">
              Severity rules
            </Title>
            <Text size="xs" c="dimmed">
              Leave a threshold empty when the event never reaches that severity.
            </Text>
          </Stack>
          <Button
            variant="light"
            size="xs"
            leftSection={<IconPlus size={14} />}
            onClick={addRule}
            disabled={rules.length >= (OrganizationSettings[RULES]?.maxItems ?? 60)}
          >
            Add a rule
          </Button>
        </Group>
        {form.errors[RULES] && (
          <Text size="sm" c="red" role="alert">
            {form.errors[RULES]}
          </Text>
        )}
        <Table.ScrollContainer minWidth={760}>
          <Table aria-label="Severity rules" verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Event</Table.Th>
                <Table.Th>Measured as</Table.Th>
                <Table.Th w={110}>Medium from</Table.Th>
                <Table.Th w={110}>High from</Table.Th>
                <Table.Th w={110}>Critical from</Table.Th>
                <Table.Th w={48}>
                  <VisuallyHidden>Remove</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rules.map((r, i) => {
                const words = describeRule(r)
                return (
                  <Table.Tr key={i}>
                    <Table.Td>
                      <Select
                        aria-label={`Rule ${i + 1}: event`}
                        data={EVENT_OPTIONS}
                        allowDeselect={false}
                        searchable
                        {...form.getInputProps(`${RULES}.${i}.type`)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Select
                        aria-label={`Rule ${i + 1}: measured as`}
                        data={MEASURE_OPTIONS}
                        allowDeselect={false}
                        {...form.getInputProps(`${RULES}.${i}.measure`)}
                      />
                    </Table.Td>
                    {LEVELS.map((level) => (
                      <Table.Td key={level}>
                        <NumberInput
                          aria-label={`Rule ${i + 1}: ${level} from`}
                          min={0}
                          {...form.getInputProps(`${RULES}.${i}.${level}`)}
                        />
                      </Table.Td>
                    ))}
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={`Remove rule ${i + 1} (${words})`}
                        title={words}
                        onClick={() => form.removeListItem(RULES, i)}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Table.Td>
                  </Table.Tr>
                )
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {rules.length === 0 && (
          <Text size="sm" c="dimmed">
            No rules: every event counts as low severity.
          </Text>
        )}
        <Group justify="flex-end">
          <Button type="submit" disabled={!form.isDirty()} loading={form.submitting}>
            Save settings
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

/** How proctoring events are weighed (severity rules), how long their raw data is kept, and from what code
 * similarity a pair of answers is shown to reviewers. */
export function ProctoringTab() {
  const org = useOrganizationSettings()
  if (org.isError) return <ErrorState error={org.error} onRetry={() => void org.refetch()} />
  if (!org.data) return <LoadingRows />
  return <ProctoringForm settings={org.data.settings} />
}
