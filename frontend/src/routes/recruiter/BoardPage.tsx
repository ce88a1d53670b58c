import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Menu,
  ScrollArea,
  Stack,
  Text,
  Title,
  Tooltip,
} from '@mantine/core'
import { modals } from '@mantine/modals'
import { IconAlertTriangle, IconDots, IconNote, IconPencil, IconUserPlus } from '@tabler/icons-react'
import { useMemo, useState, type DragEvent } from 'react'
import { Link, useParams } from 'react-router'
import { ErrorState, LoadingRows } from '../../components/states'
import { notifyError, notifySuccess } from '../../lib/notify'
import { useAuth } from '../../lib/useAuth'
import { useBoard, useBulk, useMove, useRejectionReasons, type BoardCard } from '../../queries/applications'
import {
  useChangeRequisitionStatus,
  useRequisition,
  type RequisitionStatus,
} from '../../queries/requisitions'
import { AddCandidateModal } from './AddCandidateModal'
import { ApplicationDrawer } from './ApplicationDrawer'
import { PipelineEditor } from './PipelineEditor'
import { SendTestModal } from './SendTestModal'
import { REQ_STATUS_COLORS, STATUS_ACTIONS } from './requisitionStatus'
import { ScorecardDots } from '../../components/decisions/ScorecardDots'

export function BoardPage() {
  const { id = '' } = useParams()
  const { can } = useAuth()
  const requisition = useRequisition(id)
  const board = useBoard(id)
  const move = useMove()
  const bulk = useBulk()
  const reasons = useRejectionReasons()
  const changeStatus = useChangeRequisitionStatus()
  const [selected, setSelected] = useState<Set<string>>(new Set())
  const [open, setOpen] = useState<string | null>(null)
  const [adding, setAdding] = useState(false)
  const [editingPipeline, setEditingPipeline] = useState(false)
  const [sendingTests, setSendingTests] = useState(false)
  const [dragOver, setDragOver] = useState<string | null>(null)
  const canMove = can('applications:move')
  const req = requisition.data
  const stageNames = useMemo(() => Object.fromEntries((req?.stages ?? []).map((s) => [s.id, s.name])), [req])

  const moveCard = (card: BoardCard, stageId: string) =>
    move.mutate(
      { id: card.application_id, stageId },
      {
        onSuccess: () => notifySuccess(`${card.candidate_name} moved to ${stageNames[stageId]}`),
        onError: (e) => notifyError(e, 'Move refused'),
      },
    )

  const onDrop = (e: DragEvent, stageId: string) => {
    e.preventDefault()
    setDragOver(null)
    const card = JSON.parse(e.dataTransfer.getData('application/json')) as BoardCard
    moveCard(card, stageId)
  }

  const toggle = (id: string) =>
    setSelected((s) => {
      const n = new Set(s)
      if (n.has(id)) n.delete(id)
      else n.add(id)
      return n
    })

  const bulkMove = (stageId: string) =>
    modals.openConfirmModal({
      title: `Move ${selected.size} candidate${selected.size > 1 ? 's' : ''} to ${stageNames[stageId]}?`,
      children: <Text size="sm">All of them move, or none if one cannot.</Text>,
      labels: { confirm: 'Move', cancel: 'Cancel' },
      onConfirm: () =>
        bulk.mutate(
          { application_ids: [...selected], action: 'move', stage_id: stageId, send_email: false },
          {
            onSuccess: () => setSelected(new Set()),
            onError: notifyError,
          },
        ),
    })

  const bulkReject = (reasonId: string, label: string) =>
    modals.openConfirmModal({
      title: `Reject ${selected.size} candidate${selected.size > 1 ? 's' : ''}?`,
      children: <Text size="sm">Reason: {label}. They receive the rejection email.</Text>,
      labels: { confirm: 'Reject', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        bulk.mutate(
          { application_ids: [...selected], action: 'reject', reason_id: reasonId, send_email: true },
          {
            onSuccess: () => setSelected(new Set()),
            onError: notifyError,
          },
        ),
    })

  if (requisition.isError)
    return <ErrorState error={requisition.error} onRetry={() => void requisition.refetch()} />
  if (!req) return <LoadingRows />
  return (
    <>
      <Group justify="space-between" align="flex-start" mb="md" wrap="wrap">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={1} size="h2">
              {req.title}
            </Title>
            <Badge size="lg" variant="light" color={REQ_STATUS_COLORS[req.status]}>
              {req.status}
            </Badge>
          </Group>
          <Text c="dimmed" size="sm">
            {[req.department, req.location, `${req.positions_filled}/${req.positions_available} filled`]
              .filter(Boolean)
              .join(' · ')}
          </Text>
        </Stack>
        {can('requisitions:write') && (
          <Group gap="xs">
            {STATUS_ACTIONS.filter((a) => req.allowed_statuses.includes(a.status)).map((a) => (
              <Button
                key={a.status}
                size="sm"
                variant={a.status === 'open' ? 'filled' : 'light'}
                color={a.color}
                loading={changeStatus.isPending && changeStatus.variables?.status === a.status}
                onClick={() =>
                  changeStatus.mutate(
                    { id: req.id, status: a.status as RequisitionStatus },
                    { onError: notifyError },
                  )
                }
              >
                {req.status === 'paused' && a.status === 'open' ? 'Resume' : a.label}
              </Button>
            ))}
            <Button
              size="sm"
              variant="default"
              component={Link}
              to={`/requisitions/${req.id}/edit`}
              leftSection={<IconPencil size={14} />}
            >
              Edit
            </Button>
            <Button size="sm" variant="default" onClick={() => setEditingPipeline(true)}>
              Pipeline
            </Button>
            {canMove && (
              <Button
                size="sm"
                variant="default"
                leftSection={<IconUserPlus size={14} />}
                onClick={() => setAdding(true)}
              >
                Add candidate
              </Button>
            )}
          </Group>
        )}
      </Group>

      {selected.size > 0 && (
        <Card withBorder radius="md" mb="md" p="xs" bg="indigo.0" role="region" aria-label="Bulk actions">
          <Group justify="space-between">
            <Text size="sm" fw={600}>
              {selected.size} selected
            </Text>
            <Group gap="xs">
              <Menu>
                <Menu.Target>
                  <Button size="xs" variant="light">
                    Move to…
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  {req.stages.map((s) => (
                    <Menu.Item key={s.id} onClick={() => bulkMove(s.id)}>
                      {s.name}
                    </Menu.Item>
                  ))}
                </Menu.Dropdown>
              </Menu>
              <Menu>
                <Menu.Target>
                  <Button size="xs" variant="light" color="red">
                    Reject…
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  {(reasons.data ?? []).map((r) => (
                    <Menu.Item key={r.id} onClick={() => bulkReject(r.id, r.label)}>
                      {r.label}
                    </Menu.Item>
                  ))}
                </Menu.Dropdown>
              </Menu>
              {can('links:create') && (
                <Button size="xs" variant="light" onClick={() => setSendingTests(true)}>
                  Send test…
                </Button>
              )}
              <Button size="xs" variant="subtle" onClick={() => setSelected(new Set())}>
                Clear
              </Button>
            </Group>
          </Group>
        </Card>
      )}

      {board.isError ? (
        <ErrorState error={board.error} onRetry={() => void board.refetch()} />
      ) : !board.data ? (
        <LoadingRows />
      ) : (
        <ScrollArea type="auto" offsetScrollbars>
          <Group align="flex-start" wrap="nowrap" gap="md" pb="md">
            {board.data.columns.map((col) => (
              <Card
                key={col.stage_id}
                withBorder
                radius="md"
                w={280}
                miw={280}
                p="sm"
                bg={dragOver === col.stage_id ? 'indigo.0' : 'gray.0'}
                onDragOver={(e) => {
                  if (canMove) {
                    e.preventDefault()
                    setDragOver(col.stage_id)
                  }
                }}
                onDragLeave={() => setDragOver(null)}
                onDrop={(e) => onDrop(e, col.stage_id)}
                role="list"
                aria-label={`Stage ${col.name}, ${col.count} candidates`}
                data-testid={`stage-${col.position}`}
              >
                <Group justify="space-between" mb="sm">
                  <Text fw={700} size="sm" lineClamp={1}>
                    {col.name}
                  </Text>
                  <Badge variant="light" color="gray">
                    {col.count}
                  </Badge>
                </Group>
                <Stack gap="xs" mih={80}>
                  {col.cards.length === 0 && (
                    <Text size="xs" c="dimmed" ta="center" py="md">
                      Drop candidates here
                    </Text>
                  )}
                  {col.cards.map((card) => (
                    <Card
                      key={card.application_id}
                      withBorder
                      radius="sm"
                      p="xs"
                      draggable={canMove}
                      role="listitem"
                      onDragStart={(e) => e.dataTransfer.setData('application/json', JSON.stringify(card))}
                      style={{
                        cursor: canMove ? 'grab' : 'pointer',
                        // On hold reads as set aside (dashed, greyed) without fading the text below contrast.
                        borderStyle: card.status === 'on_hold' ? 'dashed' : undefined,
                        background: card.status === 'on_hold' ? 'var(--mantine-color-gray-1)' : undefined,
                      }}
                      aria-label={card.candidate_name}
                      data-testid="board-card"
                    >
                      <Group justify="space-between" wrap="nowrap" gap={4}>
                        <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
                          {canMove && (
                            <Checkbox
                              size="xs"
                              aria-label={`Select ${card.candidate_name}`}
                              checked={selected.has(card.application_id)}
                              onChange={() => toggle(card.application_id)}
                            />
                          )}
                          <Text
                            size="sm"
                            fw={600}
                            lineClamp={1}
                            style={{ cursor: 'pointer' }}
                            onClick={() => setOpen(card.application_id)}
                          >
                            {card.candidate_name}
                          </Text>
                        </Group>
                        {canMove && (
                          <Menu position="bottom-end">
                            <Menu.Target>
                              <ActionIcon
                                size="sm"
                                variant="subtle"
                                color="gray"
                                aria-label={`Move ${card.candidate_name}`}
                              >
                                <IconDots size={14} />
                              </ActionIcon>
                            </Menu.Target>
                            <Menu.Dropdown>
                              <Menu.Label>Move to</Menu.Label>
                              {req.stages
                                .filter((s) => s.id !== col.stage_id)
                                .map((s) => (
                                  <Menu.Item key={s.id} onClick={() => moveCard(card, s.id)}>
                                    {s.name}
                                  </Menu.Item>
                                ))}
                            </Menu.Dropdown>
                          </Menu>
                        )}
                      </Group>
                      <Group gap={6} mt={4}>
                        <Text size="xs" c="dimmed">
                          {card.days_in_stage === 0 ? 'today' : `${card.days_in_stage} d in stage`}
                        </Text>
                        {card.score != null && (
                          <Tooltip label="Overall score: Step 1 and interviews, weighted">
                            <Badge
                              size="xs"
                              variant="light"
                              color="indigo"
                              aria-label={`Overall score ${Math.round(Number(card.score))}%`}
                            >
                              {Math.round(Number(card.score))}%
                            </Badge>
                          </Tooltip>
                        )}
                        {card.status === 'on_hold' && (
                          <Badge size="xs" color="yellow">
                            on hold
                          </Badge>
                        )}
                        {card.notes > 0 && (
                          <Tooltip label={`${card.notes} notes`}>
                            <Badge
                              size="xs"
                              variant="outline"
                              color="gray"
                              leftSection={<IconNote size={10} />}
                            >
                              {card.notes}
                            </Badge>
                          </Tooltip>
                        )}
                        <ScorecardDots
                          recommendations={card.recommendations}
                          pending={card.scorecards_pending}
                        />
                        {card.red_flags > 0 && (
                          <Tooltip label="Red flag noted">
                            <Badge size="xs" color="red" leftSection={<IconAlertTriangle size={10} />}>
                              {card.red_flags}
                            </Badge>
                          </Tooltip>
                        )}
                      </Group>
                    </Card>
                  ))}
                </Stack>
              </Card>
            ))}
          </Group>
        </ScrollArea>
      )}
      {board.data && (
        <Text size="sm" c="dimmed">
          {Object.entries(board.data.counts_by_status)
            .map(([k, v]) => `${v} ${k.replace('_', ' ')}`)
            .join(' · ') || 'No candidates yet'}
        </Text>
      )}
      <ApplicationDrawer id={open} stageNames={stageNames} onClose={() => setOpen(null)} />
      {adding && <AddCandidateModal requisitionId={req.id} onClose={() => setAdding(false)} />}
      {sendingTests && (
        <SendTestModal
          applicationIds={[...selected]}
          onClose={() => setSendingTests(false)}
          onSent={() => setSelected(new Set())}
        />
      )}
      {editingPipeline && <PipelineEditor requisition={req} onClose={() => setEditingPipeline(false)} />}
    </>
  )
}
