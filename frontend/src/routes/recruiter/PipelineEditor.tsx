import { ActionIcon, Button, Group, Modal, Select, Stack, Text, Tooltip } from '@mantine/core'
import { IconArrowDown, IconArrowUp, IconTrash } from '@tabler/icons-react'
import { useState } from 'react'
import { notifyError, notifySuccess } from '../../lib/notify'
import { useAuth } from '../../lib/useAuth'
import { useAssessmentOptions, useSetStageAssessment, useStageAssessments } from '../../queries/assessments'
import { useRoundTemplates, useStageEdits } from '../../queries/hiringSettings'
import type { RequisitionDetail } from '../../queries/requisitions'

/** Add, reorder and remove the stages of one requisition's pipeline (a stage with candidates cannot go). */
export function PipelineEditor({
  requisition,
  onClose,
}: {
  requisition: RequisitionDetail
  onClose: () => void
}) {
  const templates = useRoundTemplates()
  const { add, reorder, remove } = useStageEdits(requisition.id)
  const [template, setTemplate] = useState<string | null>(null)
  const stages = requisition.stages
  const { can } = useAuth()
  // An assessment stage sends the assessment chosen here to every application that enters it.
  const canAssess = can('assessments:write')
  const hasAssessmentStage = stages.some((s) => s.kind === 'assessment')
  const stageAssessments = useStageAssessments(requisition.id, canAssess && hasAssessmentStage)
  const assessments = useAssessmentOptions(canAssess && hasAssessmentStage)
  const setAssessment = useSetStageAssessment(requisition.id)
  const chosen = Object.fromEntries((stageAssessments.data ?? []).map((a) => [a.stage_id, a.assessment_id]))
  const fail = (e: unknown) => notifyError(e, 'Not possible')
  const swap = (i: number, j: number) => {
    const ids = stages.map((s) => s.id)
    ;[ids[i], ids[j]] = [ids[j], ids[i]]
    reorder.mutate(ids, { onError: fail })
  }
  return (
    <Modal opened onClose={onClose} title="Pipeline stages" centered size="lg">
      <Stack>
        {stages.map((s, i) => (
          <Group
            key={s.id}
            justify="space-between"
            p="xs"
            style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }}
          >
            <Group gap="sm" style={{ flex: 1 }} wrap="wrap">
              <Text size="sm" fw={600}>
                {i + 1}. {s.name}{' '}
                <Text span size="xs" c="dimmed">
                  ({s.kind.replace('_', ' ')})
                </Text>
              </Text>
              {s.kind === 'assessment' && canAssess && (
                <Select
                  size="xs"
                  w={230}
                  aria-label={`Assessment sent by ${s.name}`}
                  placeholder="Choose the assessment"
                  clearable
                  data={(assessments.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
                  value={chosen[s.id] ?? null}
                  onChange={(assessmentId) =>
                    setAssessment.mutate(
                      { stageId: s.id, assessmentId },
                      {
                        onSuccess: () =>
                          notifySuccess(
                            assessmentId
                              ? `${s.name} sends this assessment`
                              : `${s.name} sends no assessment`,
                          ),
                        onError: fail,
                      },
                    )
                  }
                />
              )}
            </Group>
            <Group gap={4}>
              <ActionIcon
                variant="subtle"
                aria-label={`Move ${s.name} up`}
                disabled={i === 0}
                onClick={() => swap(i, i - 1)}
              >
                <IconArrowUp size={16} />
              </ActionIcon>
              <ActionIcon
                variant="subtle"
                aria-label={`Move ${s.name} down`}
                disabled={i === stages.length - 1}
                onClick={() => swap(i, i + 1)}
              >
                <IconArrowDown size={16} />
              </ActionIcon>
              <Tooltip label="Remove (only when no candidate is in it)">
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={`Remove ${s.name}`}
                  onClick={() => remove.mutate(s.id, { onError: fail })}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Tooltip>
            </Group>
          </Group>
        ))}
        <Group align="flex-end">
          <Select
            style={{ flex: 1 }}
            label="Add a stage"
            placeholder="From a round template"
            data={(templates.data ?? []).map((t) => ({ value: t.id, label: t.name }))}
            value={template}
            onChange={setTemplate}
          />
          <Button
            disabled={!template}
            loading={add.isPending}
            onClick={() => add.mutate(template!, { onSuccess: () => setTemplate(null), onError: fail })}
          >
            Add at the end
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
