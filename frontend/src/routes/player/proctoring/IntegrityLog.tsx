/**
 * After submitting, the candidate sees what was recorded about their test (event types and times, their own
 * snapshots) and may explain any event, or the session as a whole, once each. Reviewers read the explanations
 * next to the events; the candidate never sees the reviewers' notes.
 */
import { Button, Card, Group, Image, Stack, Text, Textarea, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { components } from '../../../api/schema'

type Log = components['schemas']['CandidateLog']
type LoggedEvent = components['schemas']['CandidateEvent']

async function call<T>(token: string | null, path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(`/api/v1/player/session${path}`, {
    ...init,
    headers: { ...(init?.headers ?? {}), Authorization: `Bearer ${token ?? ''}` },
  })
  if (!response.ok) throw new Error((await response.json().catch(() => ({})))?.detail ?? response.statusText)
  return (await response.json()) as T
}

function Snapshot({ token, id }: { token: () => string | null; id: string }) {
  const img = useQuery({
    queryKey: ['player', 'integrity', 'snapshot', id],
    staleTime: Infinity,
    queryFn: async () => {
      const r = await fetch(`/api/v1/player/session/integrity/snapshots/${id}`, {
        headers: { Authorization: `Bearer ${token() ?? ''}` },
      })
      if (!r.ok) throw new Error('unavailable')
      return URL.createObjectURL(await r.blob())
    },
  })
  return img.data ? <Image src={img.data} w={96} h={72} radius="sm" alt="Your webcam snapshot" /> : null
}

function Explain({ onSave, label }: { onSave: (text: string) => Promise<unknown>; label: string }) {
  const [text, setText] = useState('')
  const [open, setOpen] = useState(false)
  const [busy, setBusy] = useState(false)
  if (!open)
    return (
      <Button size="compact-xs" variant="subtle" onClick={() => setOpen(true)}>
        {label}
      </Button>
    )
  return (
    <Stack gap={4} maw={480}>
      <Textarea
        label="Your explanation"
        description="The reviewers read it next to what was recorded. You can write it once."
        autosize
        minRows={2}
        maxLength={2000}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
      />
      <Group gap="xs">
        <Button
          size="xs"
          disabled={!text.trim()}
          loading={busy}
          onClick={() => {
            setBusy(true)
            void onSave(text).finally(() => setBusy(false))
          }}
        >
          Send explanation
        </Button>
      </Group>
    </Stack>
  )
}

const when = (iso: string) => new Date(iso).toLocaleString()

function detail(e: LoggedEvent): string {
  if (e.duration_ms) return ` (${Math.round(e.duration_ms / 1000)} s)`
  if (e.length) return ` (${e.length} characters)`
  return ''
}

export function IntegrityLog({ token }: { token: () => string | null }) {
  const qc = useQueryClient()
  const log = useQuery({
    queryKey: ['player', 'integrity'],
    queryFn: () => call<Log>(token(), '/integrity'),
  })
  const explain = useMutation({
    mutationFn: (body: { event_id?: string; text: string }) =>
      call<Log>(token(), '/integrity/explanations', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      }),
    onSuccess: (data) => qc.setQueryData(['player', 'integrity'], data),
  })
  if (log.isLoading) return <Text size="sm">Loading what was recorded…</Text>
  if (log.isError || !log.data) return <Text size="sm">What was recorded cannot be shown right now.</Text>
  const data = log.data
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        What was recorded during your test
      </Title>
      {!data.recorded && <Text size="sm">The records were deleted after the retention period.</Text>}
      {data.recorded && data.events.length === 0 && (
        <Text size="sm">Nothing was recorded besides your answers.</Text>
      )}
      <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {data.events.map((e) => (
          <li key={e.id}>
            <Group gap="sm" align="flex-start" wrap="nowrap">
              {e.has_snapshot && <Snapshot token={token} id={e.id} />}
              <Stack gap={2}>
                <Text size="sm">
                  {e.label}
                  {detail(e)} — {when(e.occurred_at)}
                </Text>
                {e.explanation ? (
                  <Text size="xs">Your explanation: {e.explanation}</Text>
                ) : (
                  e.type !== 'webcam_snapshot' && (
                    <Explain
                      label="Explain this"
                      onSave={(text) => explain.mutateAsync({ event_id: e.id, text })}
                    />
                  )
                )}
              </Stack>
            </Group>
          </li>
        ))}
      </Stack>
      <Stack gap={4} mt="md">
        {data.explanation ? (
          <Text size="sm">Your explanation for the whole test: {data.explanation}</Text>
        ) : (
          <Explain
            label="Explain something about the whole test"
            onSave={(text) => explain.mutateAsync({ text })}
          />
        )}
      </Stack>
    </Card>
  )
}
