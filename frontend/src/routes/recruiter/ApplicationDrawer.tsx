import {
  Alert,
  Badge,
  Box,
  Button,
  Checkbox,
  Divider,
  Drawer,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  Timeline,
  Title,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconArrowRight, IconLock, IconNote } from '@tabler/icons-react'
import { useState } from 'react'
import { Link } from 'react-router'
import { NoteCreate, Reject } from '../../api/limits'
import { DecisionsPanel } from '../../components/decisions/DecisionsPanel'
import { FormError } from '../../components/FormError'
import { ErrorState, LoadingRows } from '../../components/states'
import { formatDateTime, formatRelative } from '../../lib/format'
import { apiRules, applyProblem } from '../../lib/form'
import { notifyError } from '../../lib/notify'
import { ScheduleModal } from './ScheduleModal'
import { AssessmentPanel } from './AssessmentPanel'
import {
  useAddNote,
  useApplication,
  useApplicationAction,
  useEditNote,
  useReject,
  useRejectionReasons,
  type ApplicationDetail,
} from '../../queries/applications'

type NoteType = ApplicationDetail['notes'][number]['type']

const NOTE_TYPES: NoteType[] = ['general', 'follow_up', 'red_flag', 'interview', 'offer']

function Notes({ app }: { app: ApplicationDetail }) {
  const [editing, setEditing] = useState<{ id: string; body: string } | null>(null)
  const add = useAddNote()
  const edit = useEditNote()
  const form = useForm({
    initialValues: { body: '', type: 'general' as NoteType, visibility: 'team' as 'team' | 'private' },
    validate: apiRules(NoteCreate, { messages: { body: 'Write the note first.' } }),
  })
  const submit = form.onSubmit(async (v) => {
    try {
      await add.mutateAsync({ id: app.id, body: { ...v, body: v.body.trim() } })
      form.setFieldValue('body', '')
    } catch (err) {
      applyProblem(form, err)
    }
  })
  return (
    <Stack gap="sm">
      <Title order={3} size="h5">
        Notes
      </Title>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Textarea
            aria-label="New note"
            placeholder="Write a note…"
            autosize
            minRows={2}
            maxLength={NoteCreate.body.maxLength}
            {...form.getInputProps('body')}
          />
          <FormError form={form} />
          <Group justify="space-between">
            <Group gap="xs">
              <Select
                aria-label="Note type"
                size="xs"
                w={130}
                data={NOTE_TYPES}
                allowDeselect={false}
                {...form.getInputProps('type')}
              />
              <SegmentedControl
                aria-label="Visibility"
                size="xs"
                data={[
                  { value: 'team', label: 'Team' },
                  { value: 'private', label: 'Private' },
                ]}
                {...form.getInputProps('visibility')}
              />
            </Group>
            <Button size="xs" type="submit" disabled={!form.values.body.trim()} loading={form.submitting}>
              Add note
            </Button>
          </Group>
        </Stack>
      </form>
      {app.notes.length === 0 && (
        <Text size="sm" c="dimmed">
          No notes yet.
        </Text>
      )}
      {app.notes.map((n) => (
        <Stack
          key={n.id}
          gap={4}
          p="sm"
          style={{
            border: '1px solid var(--mantine-color-gray-3)',
            borderRadius: 8,
            background: n.type === 'red_flag' ? 'var(--mantine-color-red-0)' : undefined,
          }}
        >
          <Group gap="xs">
            <Badge size="xs" variant="light" color={n.type === 'red_flag' ? 'red' : 'gray'}>
              {n.type.replace('_', ' ')}
            </Badge>
            {n.visibility === 'private' && (
              <Badge size="xs" color="dark" leftSection={<IconLock size={10} />}>
                Private
              </Badge>
            )}
            <Text size="xs" c="dimmed">
              {formatRelative(n.created_at)}
              {n.edited_at ? ' · edited' : ''}
            </Text>
          </Group>
          {editing?.id === n.id ? (
            <Group align="flex-end">
              <Textarea
                aria-label="Edit note"
                style={{ flex: 1 }}
                autosize
                maxLength={NoteCreate.body.maxLength}
                value={editing.body}
                onChange={(e) => setEditing({ id: n.id, body: e.currentTarget.value })}
              />
              <Button
                size="xs"
                disabled={!editing.body.trim()}
                onClick={() =>
                  edit.mutate(
                    { id: app.id, noteId: n.id, body: editing.body },
                    { onSuccess: () => setEditing(null), onError: notifyError },
                  )
                }
              >
                Save
              </Button>
            </Group>
          ) : (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {n.body}
            </Text>
          )}
          {n.editable && editing?.id !== n.id && (
            <Button
              size="compact-xs"
              variant="subtle"
              w="fit-content"
              onClick={() => setEditing({ id: n.id, body: n.body })}
            >
              Edit
            </Button>
          )}
        </Stack>
      ))}
    </Stack>
  )
}

function RejectForm({ app, onDone }: { app: ApplicationDetail; onDone: () => void }) {
  const reasons = useRejectionReasons()
  const reject = useReject()
  const form = useForm({
    initialValues: { reason_id: null as string | null, note: '', send_email: true },
    validate: apiRules(Reject, { messages: { reason_id: 'Pick a reason.' } }),
  })
  const submit = form.onSubmit(async (v) => {
    try {
      await reject.mutateAsync({ id: app.id, reasonId: v.reason_id!, note: v.note, sendEmail: v.send_email })
      onDone()
    } catch (err) {
      applyProblem(form, err)
    }
  })
  return (
    <Box
      component="form"
      onSubmit={submit}
      noValidate
      aria-label="Reject the application"
      p="sm"
      style={{ border: '1px solid var(--mantine-color-red-3)', borderRadius: 8 }}
    >
      <Stack gap="xs">
        <Select
          label="Reason"
          data={(reasons.data ?? []).map((r) => ({ value: r.id, label: r.label }))}
          required
          {...form.getInputProps('reason_id')}
        />
        <Textarea label="Note (optional)" maxLength={Reject.note.maxLength} {...form.getInputProps('note')} />
        <Checkbox
          label="Email the candidate the rejection message"
          {...form.getInputProps('send_email', { type: 'checkbox' })}
        />
        <FormError form={form} />
        <Group justify="flex-end">
          <Button size="xs" variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button
            size="xs"
            color="red"
            type="submit"
            disabled={!form.values.reason_id}
            loading={form.submitting}
          >
            Reject
          </Button>
        </Group>
      </Stack>
    </Box>
  )
}

/** The buttons for the status changes the server allows now (`allowed_actions`), in this order. */
const STATUS_BUTTONS: { action: 'hold' | 'resume' | 'withdraw' | 'hire'; label: string; color?: string }[] = [
  { action: 'hold', label: 'Put on hold', color: 'yellow' },
  { action: 'resume', label: 'Resume' },
  { action: 'hire', label: 'Hire', color: 'green' },
]

export function ApplicationDrawer({
  id,
  stageNames,
  onClose,
}: {
  id: string | null
  stageNames: Record<string, string>
  onClose: () => void
}) {
  const application = useApplication(id)
  const action = useApplicationAction()
  const [rejecting, setRejecting] = useState(false)
  const [scheduling, setScheduling] = useState(false)
  const app = application.data
  const allowed = new Set(app?.allowed_actions ?? [])
  const run = (a: 'hold' | 'resume' | 'hire' | 'withdraw') =>
    action.mutate({ id: app!.id, action: a }, { onError: (e) => notifyError(e, 'Not possible') })
  return (
    <Drawer
      opened={!!id}
      onClose={() => {
        setRejecting(false)
        onClose()
      }}
      position="right"
      size="lg"
      title={
        <Title order={2} size="h4">
          {app?.candidate_name ?? 'Application'}
        </Title>
      }
    >
      {application.isError ? (
        <ErrorState error={application.error} />
      ) : !app ? (
        <LoadingRows />
      ) : (
        <Stack>
          <Group gap="xs">
            <Badge variant="light">{app.stage_name ?? 'No stage'}</Badge>
            <Badge
              variant="dot"
              color={app.status === 'active' ? 'green' : app.status === 'rejected' ? 'red' : 'gray'}
            >
              {app.status.replace('_', ' ')}
            </Badge>
            {app.score != null && (
              <Badge variant="filled" color="indigo" title="Overall score: Step 1 and interviews, weighted">
                Overall {Math.round(Number(app.score) * 10) / 10}%
              </Badge>
            )}
            <Text size="sm" c="dimmed">
              {app.candidate_email}
            </Text>
          </Group>
          <Button
            component={Link}
            to={`/candidates/${app.candidate_id}`}
            variant="subtle"
            size="xs"
            w="fit-content"
            rightSection={<IconArrowRight size={14} />}
          >
            Candidate profile
          </Button>
          <Group gap="xs">
            {allowed.has('reject') && (
              <Button size="xs" variant="light" color="red" onClick={() => setRejecting(true)}>
                Reject…
              </Button>
            )}
            {STATUS_BUTTONS.filter((b) => allowed.has(b.action)).map((b) => (
              <Button
                key={b.action}
                size="xs"
                variant="light"
                color={b.color}
                loading={action.isPending && action.variables?.action === b.action}
                onClick={() => run(b.action)}
              >
                {b.action === 'resume' && app.status === 'rejected' ? 'Reconsider' : b.label}
              </Button>
            ))}
          </Group>
          {allowed.has('schedule_interview') && (
            <Button size="xs" variant="light" w="fit-content" onClick={() => setScheduling(true)}>
              Schedule interview
            </Button>
          )}
          {scheduling && <ScheduleModal applicationId={app.id} onClose={() => setScheduling(false)} />}
          {rejecting && <RejectForm app={app} onDone={() => setRejecting(false)} />}
          {Object.keys(app.answers).length > 0 && (
            <Alert variant="light" color="gray" title="Answers" icon={<IconNote />}>
              {Object.entries(app.answers).map(([q, a]) => (
                <Text key={q} size="sm">
                  <b>{q}</b> {String(a)}
                </Text>
              ))}
            </Alert>
          )}
          <Divider />
          <AssessmentPanel app={app} />
          <Divider />
          <DecisionsPanel app={app} stageNames={stageNames} />
          <Divider />
          <Title order={3} size="h5">
            Timeline
          </Title>
          <Timeline bulletSize={14} lineWidth={2} active={app.events.length}>
            {app.events.map((e) => (
              <Timeline.Item
                key={e.id}
                title={
                  <Text size="sm" fw={600}>
                    {e.kind === 'moved'
                      ? `Moved to ${stageNames[e.to_stage_id ?? ''] ?? 'another stage'}`
                      : e.kind.replace('_', ' ')}
                  </Text>
                }
              >
                <Text size="xs" c="dimmed">
                  {formatDateTime(e.created_at)} · {e.actor_label ?? 'candidate'}
                </Text>
                {e.reason && <Text size="xs">{e.reason}</Text>}
              </Timeline.Item>
            ))}
          </Timeline>
          <Divider />
          <Notes app={app} />
        </Stack>
      )}
    </Drawer>
  )
}
