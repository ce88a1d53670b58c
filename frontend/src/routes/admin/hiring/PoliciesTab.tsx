import { Button, Grid, Group, NumberInput, Stack, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { OrganizationSettings } from '../../../api/limits'
import { FormError } from '../../../components/FormError'
import { ErrorState, LoadingRows } from '../../../components/states'
import { apiRules, applyProblem } from '../../../lib/form'
import { notifySuccess } from '../../../lib/notify'
import {
  useOrganizationSettings,
  useSaveSettings,
  type OrganizationDetail,
} from '../../../queries/hiringSettings'

// The API checks some rules across fields (e.g. min ≤ default ≤ max days) on the group: show them on its input.
const ALIASES = {
  thresholds: 'thresholds.manual_review',
  final_decision: 'final_decision.cto_weight',
  'link_rules.step1': 'link_rules.step1.default_days',
  'link_rules.step2': 'link_rules.step2.default_days',
}

function PoliciesForm({ settings }: { settings: OrganizationDetail['settings'] }) {
  const save = useSaveSettings()
  const form = useForm({
    initialValues: {
      time_zone: settings.time_zone,
      thresholds: {
        auto_advance: settings.thresholds.auto_advance as number | string,
        manual_review: settings.thresholds.manual_review as number | string,
      },
      step2_min_score: settings.step2_min_score as number | string,
      final_decision: { cto_weight: settings.final_decision.cto_weight as number | string },
      link_rules: {
        step1: { default_days: settings.link_rules.step1.default_days as number | string },
        step2: { default_days: settings.link_rules.step2.default_days as number | string },
      },
    },
    validate: apiRules(OrganizationSettings),
  })
  const submit = form.onSubmit(async (v) => {
    const cto = Number(v.final_decision.cto_weight)
    try {
      await save.mutateAsync({
        time_zone: v.time_zone,
        thresholds: {
          auto_advance: Number(v.thresholds.auto_advance),
          manual_review: Number(v.thresholds.manual_review),
        },
        step2_min_score: Number(v.step2_min_score),
        final_decision: { cto_weight: cto, ceo_weight: Math.round((1 - cto) * 100) / 100 },
        link_rules: {
          step1: { default_days: Number(v.link_rules.step1.default_days) },
          step2: { default_days: Number(v.link_rules.step2.default_days) },
        },
      })
      form.resetDirty()
      notifySuccess('Settings saved')
    } catch (err) {
      applyProblem(form, err, ALIASES)
    }
  })
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormError form={form} />
        <Grid>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <TextInput
              label="Time zone"
              description="IANA name, e.g. Europe/Berlin"
              {...form.getInputProps('time_zone')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, md: 4 }}>
            <NumberInput
              label="Step 1: advance automatically at (%)"
              min={0}
              max={100}
              {...form.getInputProps('thresholds.auto_advance')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, md: 4 }}>
            <NumberInput
              label="Step 1: manual review from (%)"
              min={0}
              max={100}
              {...form.getInputProps('thresholds.manual_review')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, md: 4 }}>
            <NumberInput
              label="Step 2: minimum overall rating (1–5)"
              min={1}
              max={5}
              step={0.5}
              decimalScale={1}
              {...form.getInputProps('step2_min_score')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, md: 4 }}>
            <NumberInput
              label="Step 3: CTO weight (CEO gets the rest)"
              min={0}
              max={1}
              step={0.1}
              decimalScale={2}
              {...form.getInputProps('final_decision.cto_weight')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, md: 2 }}>
            <NumberInput
              label="Step 1 link days"
              min={1}
              max={30}
              {...form.getInputProps('link_rules.step1.default_days')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, md: 2 }}>
            <NumberInput
              label="Step 2 link days"
              min={1}
              max={14}
              {...form.getInputProps('link_rules.step2.default_days')}
            />
          </Grid.Col>
        </Grid>
        <Group justify="flex-end">
          <Button type="submit" disabled={!form.isDirty()} loading={form.submitting}>
            Save settings
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

/** The organization's thresholds for each step and how long candidates' links stay valid. */
export function PoliciesTab() {
  const org = useOrganizationSettings()
  if (org.isError) return <ErrorState error={org.error} onRetry={() => void org.refetch()} />
  if (!org.data) return <LoadingRows />
  return <PoliciesForm settings={org.data.settings} />
}
