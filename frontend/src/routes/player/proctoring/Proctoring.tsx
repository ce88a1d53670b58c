/**
 * Proctoring in the test player, in one component mounted inside the session shell:
 * while the test runs it records what `useProctoring` notices and asks to return to full screen when the
 * assessment requires it. The webcam is allowed before the start (<CameraCheck> on the rules screen: the test
 * cannot start without it when required); if the camera is lost during the test (a reload, another device, the
 * camera stopped) the test stays covered until it is on again. After the test, <IntegrityLog> (on the done screen) shows what was
 * recorded, with a way to answer it.
 */
import { Button, List, Overlay, Paper, Stack, Text, Title } from '@mantine/core'
import { useProctoring, type ProctoringSettings } from './useProctoring'

export interface ProctoringProps {
  sessionId: string
  token: () => string | null
  settings: ProctoringSettings
  /** The session's status: only `in_progress` records. */
  status: string
  snapshotSeconds?: number
}

function Blocker({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Overlay fixed zIndex={400} backgroundOpacity={0.85} color="#000" center>
      <Paper p="xl" radius="md" maw={520} role="dialog" aria-modal="true" aria-labelledby="proctoring-title">
        <Stack>
          <Title id="proctoring-title" order={2} size="h3">
            {title}
          </Title>
          {children}
        </Stack>
      </Paper>
    </Overlay>
  )
}

export function Proctoring({ sessionId, token, settings, status, snapshotSeconds }: ProctoringProps) {
  const active = status === 'in_progress'
  const p = useProctoring({ sessionId, token, settings, active, snapshotSeconds })

  if (!active) return null // the done screen shows what was recorded (<IntegrityLog>)

  if (settings.webcam_required && p.camera !== 'on') {
    return (
      <Blocker title="Turn your camera back on">
        <Text size="sm">
          This assessment requires your webcam, and it is off in this window. Your time keeps running. While
          you take the test:
        </Text>
        <List size="sm">
          <List.Item>a snapshot is taken about every minute and checked for a face;</List.Item>
          <List.Item>nothing is recorded as video, and no sound;</List.Item>
          <List.Item>after submitting you can see your snapshots and explain anything recorded.</List.Item>
        </List>
        {p.camera === 'refused' && (
          <Text size="sm" c="red.8">
            The camera was refused or stopped. Allow it in your browser&apos;s address bar, then try again.
          </Text>
        )}
        <Button loading={p.camera === 'starting'} onClick={() => void p.startCamera()}>
          Turn on my camera
        </Button>
      </Blocker>
    )
  }

  if (settings.fullscreen_required && p.fullscreenLost) {
    return (
      <Blocker title="Return to full screen">
        <Text size="sm">
          This assessment is taken in full screen. Leaving it is recorded; your time keeps running.
        </Text>
        <Button onClick={() => void p.returnToFullscreen()}>Return to full screen</Button>
      </Blocker>
    )
  }
  return null
}
