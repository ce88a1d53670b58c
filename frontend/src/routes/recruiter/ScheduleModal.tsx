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
import { notifications } from '@mantine/notifications'
import { useQuery } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { api } from '../../api/client'
import { ApiError, errorMessage, fieldErrors, unwrap } from '../../lib/problem'
import { GuideBuilder, type GuideItem } from './GuideBuilder'
import { useConflicts, useSchedule, useSuggestions } from '../../queries/interviews'
import { formatDateTime } from '../../lib/format'

function usePanelists() {
  return useQuery({
    queryKey: ['users', 'panelists'],
    queryFn: async () => {
      const roles = ['interviewer', 'hiring_manager', 'executive', 'recruiter'] as const
      const pages = await Promise.all(
        roles.map(async (role) =>
          unwrap(
            await api.GET('/api/v1/users', { params: { query: { role, is_active: true, limit: 100 } } }),
          ),
        ),
      )
      return pages.flatMap((p) => p.items)
    },
    staleTime: 60_000,
  })
}

/** Schedule an interview for one application; a clash comes back from the server as a named 409. */
export function ScheduleModal({ applicationId, onClose }: { applicationId: string; onClose: () => void }) {
  const people = usePanelists()
  const schedule = useSchedule()
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone
  const [form, setForm] = useState({
    type: 'technical',
    mode: 'video',
    when: '',
    duration: 60 as number | string,
    location: '',
    notes: '',
  })
  const [guide, setGuide] = useState<GuideItem[]>([])
  const [lead, setLead] = useState<string | null>(null)
  const [panel, setPanel] = useState<string[]>([])
  const [errors, setErrors] = useState<Record<string, string>>({})
  const picked = new Date(form.when)
  const startsAt = form.when && !Number.isNaN(picked.getTime()) ? picked.toISOString() : null
  const duration = Number(form.duration) || 60
  const [skill, setSkill] = useState<string | null>(null)
  const skills = [...new Set((people.data ?? []).flatMap((u) => u.skills))].sort()
  const suggestions = useSuggestions(startsAt, duration, skill)
  const conflicts = useConflicts(applicationId, startsAt, duration, lead ? [lead, ...panel] : panel)
  const load = new Map((suggestions.data?.interviewers ?? []).map((l) => [l.user_id, l]))
  const options = (people.data ?? []).map((u) => {
    const l = load.get(u.id)
    const extra = l
      ? ` · ${l.interviews_this_week}/${l.weekly_limit} this week${l.free ? '' : ' · busy then'}`
      : ''
    return { value: u.id, label: `${u.full_name} (${u.role.replace('_', ' ')})${extra}` }
  })
  const suggested = suggestions.data?.suggested

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (!form.when || !lead)
      return setErrors({
        when: form.when ? '' : 'Pick a date and time.',
        lead: lead ? '' : 'Pick the lead interviewer.',
      })
    try {
      await schedule.mutateAsync({
        application_id: applicationId,
        type: form.type as never,
        mode: form.mode as never,
        starts_at: new Date(form.when).toISOString(),
        duration_minutes: Number(form.duration) || 60,
        time_zone: zone,
        lead_interviewer_id: lead,
        panel_ids: panel.filter((p) => p !== lead),
        location: form.location || null,
        preparation_notes: form.notes,
        guide,
      })
      notifications.show({ color: 'green', message: 'Interview scheduled — invitations sent' })
      onClose()
    } catch (err) {
      const f = err instanceof ApiError ? fieldErrors(err.problem) : {}
      setErrors(Object.keys(f).length ? f : { form: errorMessage(err) })
    }
  }

  return (
    <Modal opened onClose={onClose} title="Schedule an interview" centered size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          {errors.form && (
            <Alert color="red" role="alert" title="Cannot schedule">
              {errors.form}
            </Alert>
          )}
          <Group grow>
            <Select
              label="Type"
              value={form.type}
              onChange={(v) => v && setForm({ ...form, type: v })}
              allowDeselect={false}
              data={['hr_screen', 'technical', 'behavioral', 'system_design', 'executive'].map((t) => ({
                value: t,
                label: t.replace('_', ' '),
              }))}
            />
            <Select
              label="Mode"
              value={form.mode}
              onChange={(v) => v && setForm({ ...form, mode: v })}
              allowDeselect={false}
              data={['video', 'phone', 'onsite']}
            />
          </Group>
          <Group grow>
            <TextInput
              label={`Starts (${zone})`}
              type="datetime-local"
              required
              value={form.when}
              onChange={(e) => setForm({ ...form, when: e.currentTarget.value })}
              error={errors.when || errors.starts_at}
            />
            <NumberInput
              label="Duration (minutes)"
              min={5}
              max={480}
              step={15}
              value={form.duration}
              onChange={(v) => setForm({ ...form, duration: v })}
              error={errors.duration_minutes}
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
                  <Button size="compact-sm" variant="light" onClick={() => setLead(suggested.user_id)}>
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
            value={lead}
            onChange={setLead}
            error={errors.lead || errors.lead_interviewer_id}
          />
          <MultiSelect
            label="Panel"
            searchable
            data={options.filter((o) => o.value !== lead)}
            value={panel}
            onChange={setPanel}
            error={errors.panel_ids}
          />
          {startsAt && conflicts.data && (lead || panel.length > 0) && (
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
          <TextInput
            label="Meeting link or room"
            value={form.location}
            onChange={(e) => setForm({ ...form, location: e.currentTarget.value })}
          />
          <GuideBuilder value={guide} onChange={setGuide} />
          <Textarea
            label="Preparation notes"
            autosize
            minRows={2}
            value={form.notes}
            onChange={(e) => setForm({ ...form, notes: e.currentTarget.value })}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={schedule.isPending}>
              Schedule and invite
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
