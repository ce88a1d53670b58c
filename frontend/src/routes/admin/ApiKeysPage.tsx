import {
  Alert,
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  Modal,
  MultiSelect,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { modals } from '@mantine/modals'
import { IconCheck, IconCopy, IconKey, IconPlus } from '@tabler/icons-react'
import { useState } from 'react'
import { ApiKeyCreate } from '../../api/limits'
import { FormError } from '../../components/FormError'
import { PageHeader } from '../../components/PageHeader'
import { PagedTable, type Column } from '../../components/PagedTable'
import { EmptyState } from '../../components/states'
import { formatDateTime, formatRelative } from '../../lib/format'
import { apiRules, applyProblem } from '../../lib/form'
import { notifyError } from '../../lib/notify'
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
  const form = useForm({
    initialValues: { name: '', scopes: [] as string[], expires_at: '' },
    validate: apiRules(ApiKeyCreate, {
      messages: {
        name: 'Name the key after the integration that uses it.',
        scopes: 'Pick at least one scope.',
      },
    }),
  })
  const options = (catalogue.data?.api_key_scopes ?? []).map((s) => ({
    value: s,
    label: `${s} — ${catalogue.data?.permissions[s] ?? ''}`,
  }))

  const submit = form.onSubmit(async (v) => {
    try {
      const key = await create.mutateAsync({
        name: v.name.trim(),
        scopes: v.scopes,
        expires_at: v.expires_at ? new Date(v.expires_at).toISOString() : null,
      })
      onCreated(key)
    } catch (err) {
      applyProblem(form, err)
    }
  })
  return (
    <Modal opened onClose={onClose} title="New API key" centered size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label="Name"
            placeholder="e.g. HRIS sync"
            maxLength={100}
            required
            data-autofocus
            {...form.getInputProps('name')}
          />
          <MultiSelect
            label="Scopes"
            description="What the integration may do. Grant the least it needs."
            data={options}
            searchable
            required
            {...form.getInputProps('scopes')}
          />
          <TextInput label="Expires (optional)" type="datetime-local" {...form.getInputProps('expires_at')} />
          <FormError form={form} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={form.submitting}>
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

  const confirmRevoke = (k: ApiKey) =>
    modals.openConfirmModal({
      title: `Revoke “${k.name}”?`,
      children: (
        <Text size="sm">Integrations using this key stop working immediately. This cannot be undone.</Text>
      ),
      labels: { confirm: 'Revoke', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () => revoke.mutate(k.id, { onError: notifyError }),
    })

  const columns: Column<ApiKey>[] = [
    { header: 'Name', render: (k) => k.name, td: { fw: 600 } },
    { header: 'Key', render: (k) => <Code>{k.prefix}…</Code> },
    {
      header: 'Scopes',
      render: (k) => (
        <Group gap={4}>
          {k.scopes.map((s) => (
            <Badge key={s} size="xs" variant="outline">
              {s}
            </Badge>
          ))}
        </Group>
      ),
    },
    { header: 'Status', render: (k) => <Status k={k} /> },
    { header: 'Last used', render: (k) => formatRelative(k.last_used_at) },
    { header: 'Created', render: (k) => formatDateTime(k.created_at) },
    {
      header: 'Actions',
      hiddenHeader: true,
      render: (k) =>
        !k.revoked_at && (
          <Button size="xs" variant="subtle" color="red" onClick={() => confirmRevoke(k)}>
            Revoke
          </Button>
        ),
    },
  ]

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
      <PagedTable
        label="API keys"
        query={keys}
        columns={columns}
        rowKey={(k) => k.id}
        minWidth={700}
        empty={
          <EmptyState title="No API keys yet">
            Create one for each integration so you can revoke them separately.
          </EmptyState>
        }
      />
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
