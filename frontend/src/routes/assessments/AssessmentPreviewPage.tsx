import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Code,
  Group,
  Radio,
  Select,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core'
import { IconArrowLeft, IconEye, IconInfoCircle, IconRefresh } from '@tabler/icons-react'
import { lazy, Suspense, useState } from 'react'
import { Link, useParams } from 'react-router'
import type { Schemas } from '../../api/client'
import { PageHeader } from '../../components/PageHeader'
import { ErrorState, LoadingRows } from '../../components/states'
import { useAssessmentPreview } from '../../queries/assessments'
import { useCodeModes } from './codeModes'
import { QUESTION_TYPE_LABELS } from './labels'

const Markdown = lazy(() => import('../../components/content/Markdown'))
const CodeEditor = lazy(() => import('../../components/content/CodeEditor'))

type CandidateQuestion = Schemas['CandidateQuestion']

/** The test exactly as a candidate gets it, read only: no session is created and nothing is recorded. */
export function AssessmentPreviewPage() {
  const { id } = useParams()
  const preview = useAssessmentPreview(id)
  const p = preview.data
  return (
    <>
      <PageHeader
        title={p ? `Preview: ${p.name}` : 'Preview'}
        description="What a candidate sees in the test player. Nothing is recorded."
        actions={
          <>
            <Button
              variant="default"
              leftSection={<IconRefresh size={16} />}
              onClick={() => void preview.refetch()}
              loading={preview.isFetching}
            >
              Draw again
            </Button>
            <Button
              component={Link}
              to={`/assessments/${id}`}
              variant="default"
              leftSection={<IconArrowLeft size={16} />}
            >
              Back to the assessment
            </Button>
          </>
        }
      />
      {preview.isError ? (
        <ErrorState error={preview.error} onRetry={() => void preview.refetch()} />
      ) : !p ? (
        <LoadingRows />
      ) : (
        <Stack maw={860}>
          <Alert variant="light" icon={<IconEye />} title="Preview">
            Random sections show one sample draw; each candidate gets their own.
          </Alert>
          <Card withBorder radius="md">
            <Stack gap="xs">
              <Group gap="lg">
                <Text size="sm">
                  <b>{p.duration_minutes} minutes</b>
                </Text>
                <Text size="sm">
                  <b>{p.question_count}</b> questions
                </Text>
                <Text size="sm">
                  <b>{p.total_points}</b> points
                </Text>
                {p.proctoring.fullscreen_required && <Badge variant="light">Full screen required</Badge>}
                {p.proctoring.webcam_required && <Badge variant="light">Webcam required</Badge>}
              </Group>
              {p.instructions && (
                <Suspense fallback={<Text size="sm">{p.instructions}</Text>}>
                  <Markdown>{p.instructions}</Markdown>
                </Suspense>
              )}
            </Stack>
          </Card>
          {p.sections.map((s, si) => (
            <Stack key={si} gap="sm">
              <Group gap="sm">
                <Title order={2} size="h4">
                  {s.title}
                </Title>
                {s.time_limit_minutes && (
                  <Badge variant="outline" color="gray">
                    {s.time_limit_minutes} min
                  </Badge>
                )}
              </Group>
              {s.questions.map((question, qi) => (
                <QuestionPreview key={question.version_id} question={question} number={qi + 1} />
              ))}
            </Stack>
          ))}
        </Stack>
      )}
    </>
  )
}

function QuestionPreview({ question, number }: { question: CandidateQuestion; number: number }) {
  const languages = Object.keys(question.coding?.languages ?? {})
  const [language, setLanguage] = useState(languages[0] ?? '')
  const modeOf = useCodeModes()
  return (
    <Card withBorder radius="md" component="article" aria-label={`Question ${number}: ${question.title}`}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Text fw={700}>
            {number}. {question.title}
          </Text>
          <Group gap="xs">
            <Badge variant="light">{QUESTION_TYPE_LABELS[question.type]}</Badge>
            <Badge variant="outline" color="gray">
              {question.points} pts · ~{question.expected_minutes} min
            </Badge>
          </Group>
        </Group>
        <Suspense fallback={<Text size="sm">{question.body}</Text>}>
          <Markdown>{question.body}</Markdown>
        </Suspense>
        {question.type === 'mcq_single' && (
          <Radio.Group aria-label={`Options of question ${number}`}>
            <Stack gap={6}>
              {question.options.map((o) => (
                <Radio key={o.id} value={o.id} label={o.text} disabled />
              ))}
            </Stack>
          </Radio.Group>
        )}
        {question.type === 'mcq_multi' && (
          <Stack gap={6}>
            {question.options.map((o) => (
              <Checkbox key={o.id} label={o.text} disabled />
            ))}
          </Stack>
        )}
        {question.type === 'essay' && (
          <Textarea
            aria-label={`Answer to question ${number}`}
            placeholder="The candidate writes here"
            disabled
            minRows={3}
            autosize
          />
        )}
        {question.coding && (
          <Stack gap="xs">
            <Select
              label="Language"
              w={220}
              data={languages}
              value={language}
              onChange={(v) => v && setLanguage(v)}
              allowDeselect={false}
            />
            <Suspense fallback={<LoadingRows rows={3} />}>
              <CodeEditor
                value={question.coding.languages[language]?.starter ?? ''}
                mode={modeOf(language)}
                label={`Starter code, ${language}`}
                readOnly
                minHeight="120px"
              />
            </Suspense>
            {question.coding.examples.length > 0 && (
              <Stack gap={4}>
                <Text size="sm" fw={600}>
                  Visible examples
                </Text>
                {question.coding.examples.map((e, i) => (
                  <Group key={i} grow align="flex-start">
                    <Code block>{e.stdin || '(no input)'}</Code>
                    <Code block>{e.expected_stdout}</Code>
                  </Group>
                ))}
              </Stack>
            )}
            <Text size="xs" c="dimmed">
              <IconInfoCircle size={12} /> {question.coding.time_limit_ms} ms,{' '}
              {question.coding.memory_limit_mb} MB per run. Hidden cases grade the answer.
            </Text>
          </Stack>
        )}
      </Stack>
    </Card>
  )
}
