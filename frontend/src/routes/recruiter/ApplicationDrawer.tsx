import {
  Alert,
  Badge,
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
import { notifications } from '@mantine/notifications'
import { IconArrowRight, IconLock, IconNote } from '@tabler/icons-react'
import { useState } from 'react'
import { Link } from 'react-router'
import { ErrorState, LoadingRows } from '../../components/states'
import { useAuth } from '../../lib/useAuth'
import { ScheduleModal } from './ScheduleModal'
import { DecisionsPanel } from '../decisions/DecisionsPanel'
import { formatDateTime, formatRelative } from '../../lib/format'
import { errorMessage } from '../../lib/problem'
import {
  useAddNote,
  useApplication,
  useApplicationAction,
  useEditNote,
  useReject,
  useRejectionReasons,
  type ApplicationDetail,
} from '../../queries/applications'

const NOTE_TYPES = ['general', 'follow_up', 'red_flag', 'interview', 'offer']

function Notes({ app }: { app: ApplicationDetail }) {
  const [body, setBody] = useState('')
  const [type, setType] = useState('general')
  const [visibility, setVisibility] = useState<'team' | 'private'>('team')
  const [editing, setEditing] = useState<{ id: string; body: string } | null>(null)
  const add = useAddNote()
  const edit = useEditNote()
  return (
    <Stack gap="sm">
      <Title order={3} size="h5">
        Notes
      </Title>
      <Textarea
        aria-label="New note"
        placeholder="Write a note…"
        autosize
        minRows={2}
        value={body}
        onChange={(e) => setBody(e.currentTarget.value)}
        maxLength={10000}
      />
      <Group justify="space-between">
        <Group gap="xs">
          <Select
            aria-label="Note type"
            size="xs"
            w={130}
            data={NOTE_TYPES}
            value={type}
            onChange={(v) => v && setType(v)}
            allowDeselect={false}
          />
          <SegmentedControl
            aria-label="Visibility"
            size="xs"
            value={visibility}
            onChange={(v) => setVisibility(v as 'team' | 'private')}
            data={[
              { value: 'team', label: 'Team' },
              { value: 'private', label: 'Private' },
            ]}
          />
        </Group>
        <Button
          size="xs"
          disabled={!body.trim()}
          loading={add.isPending}
          onClick={() =>
            add.mutate(
              { id: app.id, body: { body: body.trim(), type: type as 'general', visibility } },
              {
                onSuccess: () => setBody(''),
                onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
              },
            )
          }
        >
          Add note
        </Button>
      </Group>
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
                value={editing.body}
                onChange={(e) => setEditing({ id: n.id, body: e.currentTarget.value })}
              />
              <Button
                size="xs"
                onClick={() =>
                  edit.mutate(
                    { id: app.id, noteId: n.id, body: editing.body },
                    {
                      onSuccess: () => setEditing(null),
                      onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
                    },
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
  const [reasonId, setReasonId] = useState<string | null>(null)
  const [note, setNote] = useState('')
  const [sendEmail, setSendEmail] = useState(true)
  return (
    <Stack gap="xs" p="sm" style={{ border: '1px solid var(--mantine-color-red-3)', borderRadius: 8 }}>
      <Select
        label="Reason"
        data={(reasons.data ?? []).map((r) => ({ value: r.id, label: r.label }))}
        value={reasonId}
        onChange={setReasonId}
        required
      />
      <Textarea
        label="Note (optional)"
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        maxLength={1000}
      />
      <Checkbox
        label="Email the candidate the rejection message"
        checked={sendEmail}
        onChange={(e) => setSendEmail(e.currentTarget.checked)}
      />
      <Group justify="flex-end">
        <Button size="xs" variant="default" onClick={onDone}>
          Cancel
        </Button>
        <Button
          size="xs"
          color="red"
          disabled={!reasonId}
          loading={reject.isPending}
          onClick={() =>
            reject.mutate(
              { id: app.id, reasonId: reasonId!, note, sendEmail },
              {
                onSuccess: onDone,
                onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
              },
            )
          }
        >
          Reject
        </Button>
      </Group>
    </Stack>
  )
}

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
  const { can } = useAuth()
  const app = application.data
  const run = (a: 'hold' | 'resume' | 'hire' | 'withdraw') =>
    action.mutate(
      { id: app!.id, action: a },
      {
        onError: (e) => notifications.show({ color: 'red', title: 'Not possible', message: errorMessage(e) }),
      },
    )
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
            {app.status === 'active' && (
              <Button size="xs" variant="light" color="red" onClick={() => setRejecting(true)}>
                Reject…
              </Button>
            )}
            {app.status === 'active' && (
              <Button size="xs" variant="light" color="yellow" onClick={() => run('hold')}>
                Put on hold
              </Button>
            )}
            {(app.status === 'on_hold' || app.status === 'rejected') && (
              <Button size="xs" variant="light" onClick={() => run('resume')}>
                {app.status === 'rejected' ? 'Reconsider' : 'Resume'}
              </Button>
            )}
            {app.status === 'active' && (
              <Button size="xs" variant="light" color="green" onClick={() => run('hire')}>
                Hire
              </Button>
            )}
          </Group>
          {app.status === 'active' && can('interviews:schedule') && (
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
