import {
  Alert,
  Badge,
  Button,
  Card,
  Code,
  CopyButton,
  Group,
  Modal,
  MultiSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core'
import { modals } from '@mantine/modals'
import { IconCheck, IconCopy, IconKey, IconPlus } from '@tabler/icons-react'
import { useState, type FormEvent } from 'react'
import { PageHeader } from '../../components/PageHeader'
import { EmptyState, ErrorState, LoadingRows } from '../../components/states'
import { formatDateTime, formatRelative } from '../../lib/format'
import { ApiError, errorMessage, fieldErrors } from '../../lib/problem'
import {
  useApiKeys,
  useCreateApiKey,
  usePermissionCatalogue,
  useRevokeApiKey,
  type ApiKey,
  type ApiKeyCreated,
} from '../../queries/apiKeys'

function CreateKeyModal({
  onClose,
  onCreated,
}: {
  onClose: () => void
  onCreated: (k: ApiKeyCreated) => void
}) {
  const catalogue = usePermissionCatalogue()
  const create = useCreateApiKey()
  const [name, setName] = useState('')
  const [scopes, setScopes] = useState<string[]>([])
  const [expires, setExpires] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const options = (catalogue.data?.api_key_scopes ?? []).map((s) => ({
    value: s,
    label: `${s} — ${catalogue.data?.permissions[s] ?? ''}`,
  }))

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const local: Record<string, string> = {}
    if (!name.trim()) local.name = 'Name the key after the integration that uses it.'
    if (!scopes.length) local.scopes = 'Pick at least one scope.'
    setErrors(local)
    if (Object.keys(local).length) return
    try {
      const key = await create.mutateAsync({
        name: name.trim(),
        scopes,
        expires_at: expires ? new Date(expires).toISOString() : null,
      })
      onCreated(key)
    } catch (err) {
      setErrors(
        err instanceof ApiError
          ? { form: err.message, ...fieldErrors(err.problem) }
          : { form: errorMessage(err) },
      )
    }
  }
  return (
    <Modal opened onClose={onClose} title="New API key" centered size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label="Name"
            placeholder="e.g. HRIS sync"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            maxLength={100}
            required
            data-autofocus
          />
          <MultiSelect
            label="Scopes"
            description="What the integration may do. Grant the least it needs."
            data={options}
            value={scopes}
            onChange={setScopes}
            searchable
            error={errors.scopes}
            required
          />
          <TextInput
            label="Expires (optional)"
            type="datetime-local"
            value={expires}
            onChange={(e) => setExpires(e.currentTarget.value)}
            error={errors.expires_at}
          />
          {errors.form && !errors.scopes && !errors.expires_at && (
            <Alert color="red" role="alert">
              {errors.form}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create key
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}

function Status({ k }: { k: ApiKey }) {
  if (k.revoked_at)
    return (
      <Badge color="gray" variant="light">
        Revoked
      </Badge>
    )
  if (k.expires_at && new Date(k.expires_at) < new Date())
    return (
      <Badge color="orange" variant="light">
        Expired
      </Badge>
    )
  return (
    <Badge color="green" variant="light">
      Active
    </Badge>
  )
}

export function ApiKeysPage() {
  const keys = useApiKeys()
  const revoke = useRevokeApiKey()
  const [creating, setCreating] = useState(false)
  const [created, setCreated] = useState<ApiKeyCreated | null>(null)
  const items = keys.data?.items ?? []

  const confirmRevoke = (k: ApiKey) =>
    modals.openConfirmModal({
      title: `Revoke “${k.name}”?`,
      children: (
        <Text size="sm">Integrations using this key stop working immediately. This cannot be undone.</Text>
      ),
      labels: { confirm: 'Revoke', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () => revoke.mutate(k.id),
    })

  return (
    <>
      <PageHeader
        title="API keys"
        description="Credentials for integrations, each limited to its scopes. Use as “Authorization: Bearer <key>”."
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            New API key
          </Button>
        }
      />
      <Card withBorder radius="md">
        {keys.isError ? (
          <ErrorState error={keys.error} onRetry={() => void keys.refetch()} />
        ) : keys.isLoading ? (
          <LoadingRows rows={3} />
        ) : items.length === 0 ? (
          <EmptyState title="No API keys yet">
            Create one for each integration so you can revoke them separately.
          </EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={700}>
            <Table verticalSpacing="sm" aria-label="API keys">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Key</Table.Th>
                  <Table.Th>Scopes</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Last used</Table.Th>
                  <Table.Th>Created</Table.Th>
                  <Table.Th aria-label="Actions" />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((k) => (
                  <Table.Tr key={k.id}>
                    <Table.Td fw={600}>{k.name}</Table.Td>
                    <Table.Td>
                      <Code>{k.prefix}…</Code>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {k.scopes.map((s) => (
                          <Badge key={s} size="xs" variant="outline">
                            {s}
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Status k={k} />
                    </Table.Td>
                    <Table.Td>{formatRelative(k.last_used_at)}</Table.Td>
                    <Table.Td>{formatDateTime(k.created_at)}</Table.Td>
                    <Table.Td>
                      {!k.revoked_at && (
                        <Button size="xs" variant="subtle" color="red" onClick={() => confirmRevoke(k)}>
                          Revoke
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
      {creating && (
        <CreateKeyModal
          onClose={() => setCreating(false)}
          onCreated={(k) => {
            setCreating(false)
            setCreated(k)
          }}
        />
      )}
      <Modal
        opened={!!created}
        onClose={() => setCreated(null)}
        title="Copy your new key now"
        centered
        size="lg"
      >
        {created && (
          <Stack>
            <Alert color="yellow" icon={<IconKey />}>
              This is the only time the key is shown. Store it in your integration's secret store.
            </Alert>
            <Group wrap="nowrap">
              <Code block style={{ flex: 1, wordBreak: 'break-all' }} data-testid="new-api-key">
                {created.key}
              </Code>
              <CopyButton value={created.key}>
                {({ copied, copy }) => (
                  <Tooltip label={copied ? 'Copied' : 'Copy'}>
                    <Button
                      variant="light"
                      onClick={copy}
                      leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                    >
                      {copied ? 'Copied' : 'Copy'}
                    </Button>
                  </Tooltip>
                )}
              </CopyButton>
            </Group>
            <Group justify="flex-end">
              <Button onClick={() => setCreated(null)}>Done</Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  )
}
