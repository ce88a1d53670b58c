import { Group, Loader, Spoiler, Stack, Table, Text } from '@mantine/core'
import { lazy, Suspense } from 'react'
import { useAuth } from '../../lib/useAuth'
import { useQuestion } from '../../queries/questions'
import { ReportIssueButton } from './QuestionFeedback'

// Loaded with the first bank question of a guide: most interview kits have none.
const Markdown = lazy(() => import('./Markdown'))

/** A guide item picked from a question bank, in the interview kit: the question as written and its rubric.
 * People who cannot read that bank (its step is not theirs) keep the guide's text only. */
export function BankQuestionDetails({ questionId }: { questionId: string }) {
  const { me } = useAuth()
  const canRead = !!me?.permissions.includes('questions:read')
  const question = useQuestion(canRead ? questionId : undefined)
  const c = question.data?.content
  if (!c) return null
  return (
    <Spoiler maxHeight={0} showLabel="Show the question and rubric" hideLabel="Hide">
      <Stack gap="xs" mt="xs">
        <Suspense fallback={<Loader size="xs" />}>
          <Markdown>{c.body}</Markdown>
        </Suspense>
        {c.rubric.length > 0 && (
          <Table aria-label={`Rubric of ${c.title}`} fz="xs" verticalSpacing={2}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Look for</Table.Th>
                <Table.Th>Points</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {c.rubric.map((r, i) => (
                <Table.Tr key={i}>
                  <Table.Td>
                    <Text size="xs" fw={600}>
                      {r.criterion}
                    </Text>
                    {r.guidance && (
                      <Text size="xs" c="dimmed">
                        {r.guidance}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{r.points}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Group>
          <ReportIssueButton questionId={questionId} title={c.title} size="xs" variant="subtle" />
        </Group>
      </Stack>
    </Spoiler>
  )
}
