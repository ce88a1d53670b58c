import { Badge, Card, Code, Group, List, Stack, Table, Tabs, Text, ThemeIcon, Title } from '@mantine/core'
import { IconCheck, IconX } from '@tabler/icons-react'
import Markdown from '../../components/content/Markdown'
import { TYPE_LABELS, type QuestionView } from '../../queries/questions'
import { DifficultyBadge } from './shared'

/** A question as stored, read-only: the preview readers get, or an old version. Authors also see the answers,
 * the explanation, references and every case. */
export function QuestionReadOnly({ question }: { question: QuestionView }) {
  const c = question.content
  const author = question.view === 'author' ? question.content : null
  return (
    <Stack gap="md">
      <Card withBorder padding="md">
        <Group gap="xs" mb="sm">
          <Badge variant="light">{TYPE_LABELS[c.type]}</Badge>
          <DifficultyBadge value={c.difficulty} />
          <Text size="sm" c="dimmed">
            {c.points} point{c.points === 1 ? '' : 's'} · about {c.expected_minutes} min
          </Text>
        </Group>
        <Title order={2} size="h3" mb="sm">
          {c.title}
        </Title>
        <Markdown>{c.body}</Markdown>
      </Card>
      {c.options.length > 0 && (
        <Card withBorder padding="md">
          <Title order={3} size="h5" mb="xs">
            Options
          </Title>
          <List spacing="xs" listStyleType="none">
            {(author?.options ?? c.options).map((o) => {
              const correct = 'correct' in o ? Boolean(o.correct) : null
              return (
                <List.Item
                  key={o.id}
                  icon={
                    correct === null ? undefined : (
                      <ThemeIcon size={20} radius="xl" color={correct ? 'green' : 'gray'} variant="light">
                        {correct ? <IconCheck size={14} /> : <IconX size={14} />}
                      </ThemeIcon>
                    )
                  }
                >
                  <Text size="sm">
                    {o.text}
                    {correct && (
                      <Text span size="xs" c="green" fw={600}>
                        {' '}
                        (correct)
                      </Text>
                    )}
                  </Text>
                </List.Item>
              )
            })}
          </List>
        </Card>
      )}
      {c.rubric.length > 0 && (
        <Card withBorder padding="md">
          <Title order={3} size="h5" mb="xs">
            Rubric
          </Title>
          <Table aria-label="Rubric" fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Criterion</Table.Th>
                <Table.Th>Points</Table.Th>
                <Table.Th>Guidance</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {c.rubric.map((r, i) => (
                <Table.Tr key={i}>
                  <Table.Td>{r.criterion}</Table.Td>
                  <Table.Td>{r.points}</Table.Td>
                  <Table.Td>{r.guidance}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      )}
      {author?.coding && (
        <Card withBorder padding="md">
          <Title order={3} size="h5" mb="xs">
            Code
          </Title>
          <Tabs defaultValue={Object.keys(author.coding.languages)[0]}>
            <Tabs.List aria-label="Languages">
              {Object.keys(author.coding.languages).map((k) => (
                <Tabs.Tab key={k} value={k}>
                  {k}
                </Tabs.Tab>
              ))}
            </Tabs.List>
            {Object.entries(author.coding.languages).map(([k, code]) => (
              <Tabs.Panel key={k} value={k} pt="sm">
                {(['reference', 'starter', 'harness'] as const).map(
                  (part) =>
                    code[part] && (
                      <Stack key={part} gap={2} mb="sm">
                        <Text size="sm" fw={600}>
                          {part === 'reference'
                            ? 'Reference solution'
                            : part === 'starter'
                              ? 'Starter code'
                              : 'Harness'}
                        </Text>
                        <Code block>{code[part]}</Code>
                      </Stack>
                    ),
                )}
              </Tabs.Panel>
            ))}
          </Tabs>
          <Text size="sm" mt="xs">
            {author.coding.test_cases.length} test case{author.coding.test_cases.length === 1 ? '' : 's'} ·{' '}
            {author.coding.time_limit_ms} ms per case · {author.coding.memory_limit_mb} MB ·{' '}
            {author.coding.comparison} comparison
          </Text>
        </Card>
      )}
      {question.view === 'preview' && question.content.coding && (
        <Card withBorder padding="md">
          <Title order={3} size="h5" mb="xs">
            Examples
          </Title>
          {question.content.coding.examples.map((e, i) => (
            <Group key={i} grow align="flex-start" mb="xs">
              <Code block>{e.stdin || '(no input)'}</Code>
              <Code block>{e.expected_stdout}</Code>
            </Group>
          ))}
          <Text size="sm" c="dimmed">
            And {question.content.coding.hidden_cases} hidden case(s).
          </Text>
        </Card>
      )}
      {author?.explanation && (
        <Card withBorder padding="md">
          <Title order={3} size="h5" mb="xs">
            Explanation
          </Title>
          <Markdown>{author.explanation}</Markdown>
        </Card>
      )}
    </Stack>
  )
}
