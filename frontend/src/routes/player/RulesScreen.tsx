import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  List,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core'
import {
  IconAlertTriangle,
  IconCamera,
  IconCircleCheck,
  IconClock,
  IconCode,
  IconDeviceDesktop,
  IconListNumbers,
  IconPlayerPlay,
} from '@tabler/icons-react'
import { useState } from 'react'
import { formatDateTime } from '../../lib/format'
import { errorMessage } from '../../lib/problem'
import { languageLabel } from './languages'
import { PlayerFrame } from './PlayerFrame'
import { api, clock, type Overview, type SignedIn } from './playerApi'
import { CameraCheck } from './proctoring/CameraCheck'
import { RichText } from './Text'

interface Check {
  label: string
  ok: boolean
  detail: string
}

/** What the browser can tell about itself before the clock starts. Nothing here blocks the start: a failed
 * check explains what it means for the candidate. */
function systemChecks(): Check[] {
  let storage = false
  try {
    localStorage.setItem('interviewflow.check', '1')
    storage = localStorage.getItem('interviewflow.check') === '1'
    localStorage.removeItem('interviewflow.check')
  } catch {
    storage = false
  }
  const skew = Math.round(clock.offset() / 1000)
  const wide = window.innerWidth >= 360
  return [
    {
      label: 'Connection',
      ok: navigator.onLine,
      detail: navigator.onLine
        ? 'Connected to the test server.'
        : 'You are offline. Connect to start; once started, short outages are fine.',
    },
    {
      label: 'Saving on this device',
      ok: storage,
      detail: storage
        ? 'Answers are kept on this device while offline.'
        : 'This browser blocks storage (a private window?): answers save only while online.',
    },
    {
      label: 'Clock',
      ok: true,
      detail:
        Math.abs(skew) < 60
          ? 'In time with our server.'
          : `Your computer's clock is ${Math.round(Math.abs(skew) / 60)} min ${skew > 0 ? 'behind' : 'ahead'}: the timer uses our server's time, so nothing to do.`,
    },
    {
      label: 'Screen',
      ok: wide,
      detail: wide
        ? 'Large enough for the test.'
        : 'The screen is very narrow: a computer is more comfortable for coding questions.',
    },
  ]
}

/** Before the clock starts: who, what, how long, what is recorded, a system check; then start. */
export function RulesScreen({
  overview,
  onStarted,
}: {
  overview: Overview
  onStarted: (s: SignedIn) => void
}) {
  const [ready, setReady] = useState(false)
  const [cameraReady, setCameraReady] = useState(false)
  const [starting, setStarting] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [checks] = useState(systemChecks)
  const sectionTimes = overview.sections.filter((s) => s.time_limit_minutes)
  const webcam = overview.proctoring.webcam_required
  // When the assessment requires the webcam, the test starts only with the camera on (the server checks too).
  const waitingForCamera = webcam && !cameraReady
  const start = async () => {
    setStarting(true)
    setError(null)
    try {
      onStarted(await api.start({ camera_ready: webcam && cameraReady }))
    } catch (e) {
      setError(errorMessage(e))
      setStarting(false)
    }
  }
  return (
    <PlayerFrame organization={overview.organization_name} title={overview.assessment_name}>
      <Stack gap="lg">
        <div>
          <Text c="dimmed" size="sm">
            {overview.organization_name} · {overview.job_title}
          </Text>
          <Title order={1} mt={4}>
            Hi {overview.candidate_first_name}, welcome to your assessment
          </Title>
          <Text mt="xs" c="dimmed">
            Take a moment to read this page. The timer starts only when you press “Start the test”.
          </Text>
        </div>

        <SimpleGrid cols={{ base: 1, xs: overview.languages.length ? 3 : 2 }} spacing="sm">
          <Fact
            icon={<IconClock size={20} />}
            label="Your time"
            value={`${overview.time_allowed_minutes} minutes`}
          />
          <Fact
            icon={<IconListNumbers size={20} />}
            label="Questions"
            value={`${overview.question_count}${overview.sections.length > 1 ? ` in ${overview.sections.length} sections` : ''}`}
          />
          {/* Before the start an empty list means each coding question offers its own languages. */}
          {overview.languages.length > 0 && (
            <Fact
              icon={<IconCode size={20} />}
              label="Languages"
              value={overview.languages.map(languageLabel).join(', ')}
            />
          )}
        </SimpleGrid>

        {overview.instructions.trim() && (
          <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="instructions">
            <Title order={2} size="h4" id="instructions" mb="sm">
              Instructions
            </Title>
            <RichText>{overview.instructions}</RichText>
          </Paper>
        )}

        <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="how">
          <Title order={2} size="h4" id="how" mb="sm">
            How the test works
          </Title>
          <List spacing="xs" size="sm">
            <List.Item>
              Once started, the timer runs on our server: closing the window does not pause it. You can come
              back with your link, on this or another device, and continue where you left off.
            </List.Item>
            <List.Item>
              Your answers save automatically as you work, even if your connection drops for a while.
            </List.Item>
            <List.Item>
              Move freely between questions and flag any you want to come back to. Coding questions let you
              run your code on the examples before you submit.
            </List.Item>
            {sectionTimes.length > 0 && (
              <List.Item>
                Some sections have their own time limit, which starts when you first open them:{' '}
                {sectionTimes.map((s) => `${s.title} (${s.time_limit_minutes} min)`).join(', ')}.
              </List.Item>
            )}
            <List.Item>When the time is up, the answers saved so far are submitted for you.</List.Item>
          </List>
        </Paper>

        <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="recorded">
          <Title order={2} size="h4" id="recorded" mb="sm">
            What is recorded
          </Title>
          <List spacing="xs" size="sm">
            {overview.recorded.map((r) => (
              <List.Item key={r}>{r}</List.Item>
            ))}
          </List>
          {(overview.proctoring.fullscreen_required || overview.proctoring.webcam_required) && (
            <Group gap="xs" mt="sm">
              {overview.proctoring.fullscreen_required && <Badge variant="light">Full screen required</Badge>}
              {overview.proctoring.webcam_required && <Badge variant="light">Webcam required</Badge>}
            </Group>
          )}
        </Paper>

        <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="check">
          <Title order={2} size="h4" id="check" mb="sm">
            System check
          </Title>
          <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {checks.map((c) => (
              <Group key={c.label} component="li" gap="sm" wrap="nowrap" align="flex-start">
                <ThemeIcon
                  size={24}
                  radius="xl"
                  variant="light"
                  color={c.ok ? 'green' : 'orange'}
                  aria-hidden
                >
                  {c.ok ? <IconCircleCheck size={16} /> : <IconAlertTriangle size={16} />}
                </ThemeIcon>
                <Text size="sm">
                  <Text span fw={600}>
                    {c.label}: {c.ok ? 'OK' : 'check'}.
                  </Text>{' '}
                  {c.detail}
                </Text>
              </Group>
            ))}
          </Stack>
        </Paper>

        {webcam && <CameraCheck onReady={setCameraReady} />}

        <Paper withBorder radius="md" p="lg">
          <Stack gap="md">
            <Checkbox
              label="I have read the instructions and I am ready to start."
              checked={ready}
              onChange={(e) => setReady(e.currentTarget.checked)}
            />
            {error && (
              <Alert color="red" variant="light" role="alert" title="The test did not start">
                {error}
              </Alert>
            )}
            {waitingForCamera && (
              <Text size="sm" id="start-needs-camera">
                <IconCamera size={14} aria-hidden style={{ verticalAlign: 'middle' }} /> The test starts once
                your camera is on: use “Allow camera” in the webcam check above.
              </Text>
            )}
            <Group justify="space-between" wrap="wrap">
              <Text size="sm" c="dimmed">
                <IconDeviceDesktop size={14} aria-hidden style={{ verticalAlign: 'middle' }} /> This link
                works until {formatDateTime(overview.link_expires_at)}.
              </Text>
              <Button
                size="md"
                leftSection={<IconPlayerPlay size={18} aria-hidden />}
                disabled={!ready || waitingForCamera}
                aria-describedby={waitingForCamera ? 'start-needs-camera' : undefined}
                loading={starting}
                onClick={() => void start()}
              >
                Start the test
              </Button>
            </Group>
          </Stack>
        </Paper>
      </Stack>
    </PlayerFrame>
  )
}

function Fact({ icon, label, value }: { icon: React.ReactNode; label: string; value: string }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Group gap="sm" wrap="nowrap">
        <ThemeIcon size={36} radius="md" variant="light" aria-hidden>
          {icon}
        </ThemeIcon>
        <div>
          <Text size="xs" c="dimmed">
            {label}
          </Text>
          <Text fw={700}>{value}</Text>
        </div>
      </Group>
    </Paper>
  )
}
