/**
 * The webcam check on the rules screen, before the clock starts: what the camera is for, an "Allow camera" action,
 * a live preview, and a test picture. The test can start only once a picture was taken (`onReady(true)`); a
 * refused or missing camera says how to fix it. Snapshots themselves begin when the test starts.
 */
import { Alert, Button, Group, List, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core'
import { IconCamera, IconCircleCheck } from '@tabler/icons-react'
import { useEffect, useRef, useState } from 'react'
import { CameraError, captureFrame, heldCamera, openCamera, type CameraProblem } from './camera'

type State = 'idle' | 'asking' | 'checking' | 'ready' | CameraProblem

const HELP: Record<CameraProblem, { title: string; body: string }> = {
  denied: {
    title: 'The browser blocked the camera',
    body:
      'Click the camera or lock icon in the address bar, choose “Allow” for the camera, then press “Try again”. ' +
      'If no prompt appears, check your system settings let this browser use the camera.',
  },
  missing: {
    title: 'No camera was found',
    body: 'Connect a webcam (or turn on the built-in one), then press “Try again”.',
  },
  busy: {
    title: 'The camera is in use',
    body: 'Close other apps or tabs that use the camera (video calls, for example), then press “Try again”.',
  },
  unsupported: {
    title: 'This browser cannot use the camera here',
    body: 'Open your link in a recent Chrome, Edge, Firefox or Safari to take this test.',
  },
}

export function CameraCheck({ onReady }: { onReady: (ready: boolean) => void }) {
  const [state, setState] = useState<State>(() => (heldCamera() ? 'checking' : 'idle'))
  const video = useRef<HTMLVideoElement>(null)

  // Once the camera runs: show it, and take a test picture as soon as it delivers frames.
  useEffect(() => {
    if (state !== 'checking' && state !== 'ready') return
    const stream = heldCamera()
    const v = video.current
    if (!stream || !v) return
    if (v.srcObject !== stream) {
      v.srcObject = stream
      void v.play().catch(() => undefined)
    }
    if (state === 'ready') {
      const lost = () => {
        setState('idle')
        onReady(false)
      }
      stream.getVideoTracks().forEach((t) => t.addEventListener('ended', lost))
      return () => stream.getVideoTracks().forEach((t) => t.removeEventListener('ended', lost))
    }
    let stopped = false
    const attempt = async () => {
      while (!stopped) {
        if (await captureFrame(v)) {
          if (!stopped) {
            setState('ready')
            onReady(true)
          }
          return
        }
        await new Promise((r) => setTimeout(r, 250))
      }
    }
    void attempt()
    return () => {
      stopped = true
    }
  }, [state, onReady])

  const allow = async () => {
    setState('asking')
    onReady(false)
    try {
      await openCamera()
      setState('checking')
    } catch (e) {
      setState(e instanceof CameraError ? e.problem : 'denied')
    }
  }

  const problem = state in HELP ? HELP[state as CameraProblem] : null
  const running = state === 'checking' || state === 'ready'
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="camera-check">
      <Title order={2} size="h4" id="camera-check" mb="sm">
        Webcam check
      </Title>
      <Stack gap="sm">
        <Text size="sm">This assessment requires your webcam. While you take the test:</Text>
        <List size="sm" spacing={2}>
          <List.Item>a snapshot is taken about every minute and checked for a face;</List.Item>
          <List.Item>nothing is recorded as video, and no sound;</List.Item>
          <List.Item>after submitting you can see your snapshots and explain anything recorded.</List.Item>
        </List>
        <Group align="flex-start" gap="md" wrap="wrap">
          <video
            ref={video}
            muted
            playsInline
            aria-label="Your camera’s preview"
            style={{
              display: running ? 'block' : 'none',
              width: 200,
              maxWidth: '100%',
              borderRadius: 8,
              background: '#000',
            }}
          />
          <Stack gap="xs" style={{ flex: 1, minWidth: 220 }}>
            {/* One live region: the outcome of "Allow camera" is read out where the candidate is. */}
            <div role="status" aria-live="polite">
              {state === 'ready' ? (
                <Group gap="xs" wrap="nowrap">
                  <ThemeIcon size={24} radius="xl" variant="light" color="green" aria-hidden>
                    <IconCircleCheck size={16} />
                  </ThemeIcon>
                  <Text size="sm" fw={600}>
                    Camera ready: a test picture was taken. You can start the test.
                  </Text>
                </Group>
              ) : state === 'checking' ? (
                <Text size="sm">Camera on: taking a test picture…</Text>
              ) : state === 'asking' ? (
                <Text size="sm">Waiting for your browser: allow the camera when it asks.</Text>
              ) : problem ? (
                // Read out by the status region around it (not a second, competing live region).
                <Alert color="red" variant="light" title={problem.title} role="presentation">
                  {problem.body}
                </Alert>
              ) : (
                <Text size="sm">Allow your camera to start the test. Your browser will ask you first.</Text>
              )}
            </div>
            {state !== 'ready' && state !== 'checking' && (
              <Button
                w="fit-content"
                leftSection={<IconCamera size={18} aria-hidden />}
                loading={state === 'asking'}
                onClick={() => void allow()}
              >
                {problem ? 'Try again' : 'Allow camera'}
              </Button>
            )}
          </Stack>
        </Group>
      </Stack>
    </Paper>
  )
}
