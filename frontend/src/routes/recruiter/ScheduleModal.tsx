import {
  Alert,
  Button,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { useState } from 'react'
import { InterviewCreate } from '../../api/limits'
import { FormError } from '../../components/FormError'
import { ErrorState } from '../../components/states'
import { formatDateTime } from '../../lib/format'
import { apiRules, applyProblem, FORM_ERROR } from '../../lib/form'
import { notifySuccess } from '../../lib/notify'
import { useConflicts, useSchedule, useSuggestions, type Interview } from '../../queries/interviews'
import { usePanelists } from '../../queries/users'
import { GuideBuilder, type GuideItem } from './GuideBuilder'

type InterviewType = Interview['type']
type InterviewMode = Interview['mode']

/** Schedule an interview for one application; a clash comes back from the server as a named 409. */
export function ScheduleModal({ applicationId, onClose }: { applicationId: string; onClose: () => void }) {
  const people = usePanelists()
  const schedule = useSchedule()
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone
  const form = useForm({
    initialValues: {
      type: 'technical' as InterviewType,
      mode: 'video' as InterviewMode,
      starts_at: '',
      duration_minutes: 60 as number | string,
      location: '',
      preparation_notes: '',
      lead_interviewer_id: null as string | null,
      panel_ids: [] as string[],
      guide: [] as GuideItem[],
    },
    validate: apiRules(InterviewCreate, {
      messages: { starts_at: 'Pick a date and time.', lead_interviewer_id: 'Pick the lead interviewer.' },
    }),
  })
  const v = form.values
  const picked = new Date(v.starts_at)
  const startsAt = v.starts_at && !Number.isNaN(picked.getTime()) ? picked.toISOString() : null
  const duration = Number(v.duration_minutes) || 60
  const lead = v.lead_interviewer_id
  const [skill, setSkill] = useState<string | null>(null)
  const skills = [...new Set((people.data ?? []).flatMap((u) => u.skills))].sort()
  const suggestions = useSuggestions(startsAt, duration, skill)
  const conflicts = useConflicts(
    applicationId,
    startsAt,
    duration,
    lead ? [lead, ...v.panel_ids] : v.panel_ids,
  )
  const load = new Map((suggestions.data?.interviewers ?? []).map((l) => [l.user_id, l]))
  const options = (people.data ?? []).map((u) => {
    const l = load.get(u.id)
    const extra = l
      ? ` · ${l.interviews_this_week}/${l.weekly_limit} this week${l.free ? '' : ' · busy then'}`
      : ''
    return { value: u.id, label: `${u.full_name} (${u.role.replace('_', ' ')})${extra}` }
  })
  const suggested = suggestions.data?.suggested

  const submit = form.onSubmit(async (values) => {
    try {
      await schedule.mutateAsync({
        application_id: applicationId,
        type: values.type,
        mode: values.mode,
        starts_at: new Date(values.starts_at).toISOString(),
        duration_minutes: Number(values.duration_minutes) || 60,
        time_zone: zone,
        lead_interviewer_id: values.lead_interviewer_id!,
        panel_ids: values.panel_ids.filter((p) => p !== values.lead_interviewer_id),
        location: values.location || null,
        preparation_notes: values.preparation_notes,
        guide: values.guide,
      })
      notifySuccess('Interview scheduled — invitations sent')
      onClose()
    } catch (err) {
      applyProblem(form, err, { guide: FORM_ERROR })
    }
  })

  return (
    <Modal opened onClose={onClose} title="Schedule an interview" centered size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormError form={form} title="Cannot schedule" />
          {people.isError && <ErrorState error={people.error} onRetry={() => void people.refetch()} />}
          <Group grow>
            <Select
              label="Type"
              allowDeselect={false}
              {...form.getInputProps('type')}
              data={['hr_screen', 'technical', 'behavioral', 'system_design', 'executive'].map((t) => ({
                value: t,
                label: t.replace('_', ' '),
              }))}
            />
            <Select
              label="Mode"
              allowDeselect={false}
              data={['video', 'phone', 'onsite']}
              {...form.getInputProps('mode')}
            />
          </Group>
          <Group grow>
            <TextInput
              label={`Starts (${zone})`}
              type="datetime-local"
              required
              {...form.getInputProps('starts_at')}
            />
            <NumberInput
              label="Duration (minutes)"
              min={5}
              max={480}
              step={15}
              {...form.getInputProps('duration_minutes')}
            />
          </Group>
          {skills.length > 0 && (
            <Select
              label="Skill to assess"
              description="Suggest among the interviewers who assess it"
              placeholder="Any interviewer"
              clearable
              searchable
              data={skills}
              value={skill}
              onChange={setSkill}
            />
          )}
          {startsAt && suggestions.data && (
            <Alert color="blue" variant="light" title="Suggested interviewer" aria-live="polite">
              <Group justify="space-between" wrap="nowrap">
                <Text size="sm">{suggestions.data.reason}</Text>
                {suggested && suggested.user_id !== lead && (
                  <Button
                    size="compact-sm"
                    variant="light"
                    onClick={() => form.setFieldValue('lead_interviewer_id', suggested.user_id)}
                  >
                    Use {suggested.full_name.split(' ')[0]}
                  </Button>
                )}
              </Group>
            </Alert>
          )}
          <Select
            label="Lead interviewer"
            required
            searchable
            data={options}
            {...form.getInputProps('lead_interviewer_id')}
          />
          <MultiSelect
            label="Panel"
            searchable
            data={options.filter((o) => o.value !== lead)}
            {...form.getInputProps('panel_ids')}
          />
          {startsAt && conflicts.data && (lead || v.panel_ids.length > 0) && (
            <div aria-live="polite">
              {conflicts.data.length ? (
                <Alert color="orange" title="Conflicts at that time" role="alert">
                  {conflicts.data.map((c) => (
                    <Text key={c.interview_id} size="sm">
                      {c.who} already has an interview {formatDateTime(c.starts_at)}–
                      {new Date(c.ends_at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}
                    </Text>
                  ))}
                </Alert>
              ) : (
                <Text size="sm" c="green">
                  The candidate and the panel are all free then.
                </Text>
              )}
            </div>
          )}
          <TextInput label="Meeting link or room" {...form.getInputProps('location')} />
          <GuideBuilder value={v.guide} onChange={(guide) => form.setFieldValue('guide', guide)} />
          <Textarea
            label="Preparation notes"
            autosize
            minRows={2}
            {...form.getInputProps('preparation_notes')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={form.submitting}>
              Schedule and invite
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
