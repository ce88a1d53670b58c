import {
  Alert,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  NavLink,
  ScrollArea,
  Stack,
  Tabs,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { notifications } from '@mantine/notifications'
import { IconDeviceFloppy } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { PageHeader } from '../../components/PageHeader'
import { ErrorState, LoadingRows } from '../../components/states'
import { formatDateTime } from '../../lib/format'
import { ApiError, errorMessage, fieldErrors } from '../../lib/problem'
import { previewTemplate, useSaveTemplate, useTemplates, type EmailTemplate } from '../../queries/email'

interface Draft {
  subject: string
  body_html: string
  body_text: string
}

function Editor({ template }: { template: EmailTemplate }) {
  const [draft, setDraft] = useState<Draft>({
    subject: template.subject,
    body_html: template.body_html,
    body_text: template.body_text,
  })
  const [debounced] = useDebouncedValue(draft, 400)
  const [preview, setPreview] = useState<Draft | null>(null)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const save = useSaveTemplate()
  const dirty =
    draft.subject !== template.subject ||
    draft.body_html !== template.body_html ||
    draft.body_text !== template.body_text

  useEffect(() => {
    let cancelled = false
    previewTemplate(template.key, debounced)
      .then((p) => {
        if (!cancelled) {
          setPreview(p)
          setErrors({})
        }
      })
      .catch((err) => {
        if (!cancelled)
          setErrors(err instanceof ApiError ? fieldErrors(err.problem) : { form: errorMessage(err) })
      })
    return () => {
      cancelled = true
    }
  }, [debounced, template.key])

  const submit = async () => {
    try {
      await save.mutateAsync({ key: template.key, body: draft })
      notifications.show({ color: 'green', message: 'Template saved' })
    } catch (err) {
      setErrors(err instanceof ApiError ? fieldErrors(err.problem) : { form: errorMessage(err) })
    }
  }

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, lg: 6 }}>
        <Stack>
          <Text size="sm" c="dimmed">
            {template.description}
          </Text>
          <Group gap={4}>
            <Text size="xs" c="dimmed">
              Variables:
            </Text>
            {template.variables.map((v) => (
              <Badge
                key={v}
                size="xs"
                variant="outline"
                style={{ textTransform: 'none' }}
              >{`{{ ${v} }}`}</Badge>
            ))}
          </Group>
          <TextInput
            label="Subject"
            value={draft.subject}
            onChange={(e) => setDraft({ ...draft, subject: e.currentTarget.value })}
            error={errors.subject}
            maxLength={300}
          />
          <Textarea
            label="HTML body"
            autosize
            minRows={8}
            maxRows={18}
            value={draft.body_html}
            onChange={(e) => setDraft({ ...draft, body_html: e.currentTarget.value })}
            error={errors.body_html}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
          />
          <Textarea
            label="Plain-text body"
            autosize
            minRows={5}
            maxRows={12}
            value={draft.body_text}
            onChange={(e) => setDraft({ ...draft, body_text: e.currentTarget.value })}
            error={errors.body_text}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
          />
          {errors.form && (
            <Alert color="red" role="alert">
              {errors.form}
            </Alert>
          )}
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              {template.customised && template.updated_at
                ? `Last saved ${formatDateTime(template.updated_at)}`
                : 'InterviewFlow default wording'}
            </Text>
            <Button
              leftSection={<IconDeviceFloppy size={16} />}
              onClick={submit}
              loading={save.isPending}
              disabled={!dirty || Object.keys(errors).length > 0}
            >
              Save template
            </Button>
          </Group>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 6 }}>
        <Card withBorder radius="md" bg="gray.0">
          <Text size="xs" c="dimmed" mb={4}>
            Live preview with sample data
          </Text>
          <Text fw={600} mb="sm" aria-live="polite">
            {preview?.subject ?? '…'}
          </Text>
          <Tabs defaultValue="html">
            <Tabs.List>
              <Tabs.Tab value="html">HTML</Tabs.Tab>
              <Tabs.Tab value="text">Plain text</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="html" pt="sm">
              <iframe
                title="Template preview"
                sandbox=""
                srcDoc={preview?.body_html ?? ''}
                style={{ width: '100%', height: 420, border: 0, borderRadius: 8, background: 'white' }}
              />
            </Tabs.Panel>
            <Tabs.Panel value="text" pt="sm">
              <Text component="pre" size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {preview?.body_text}
              </Text>
            </Tabs.Panel>
          </Tabs>
        </Card>
      </Grid.Col>
    </Grid>
  )
}

export function EmailTemplatesPage() {
  const templates = useTemplates()
  const [key, setKey] = useState<string | null>(null)
  const list = templates.data ?? []
  const current = list.find((t) => t.key === key) ?? list[0]

  return (
    <>
      <PageHeader
        title="Email templates"
        description="The wording of every email, per event. Jinja2 syntax; only the listed variables are available."
      />
      {templates.isError ? (
        <ErrorState error={templates.error} onRetry={() => void templates.refetch()} />
      ) : templates.isLoading ? (
        <LoadingRows />
      ) : (
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 3 }}>
            <Card withBorder radius="md" p="xs">
              <ScrollArea.Autosize mah={640}>
                <nav aria-label="Templates">
                  {list.map((t) => (
                    <NavLink
                      key={t.key}
                      label={t.key.replace(/_/g, ' ')}
                      description={t.customised ? 'Customised' : 'Default'}
                      active={t.key === current?.key}
                      onClick={() => setKey(t.key)}
                      style={{ borderRadius: 6, textTransform: 'capitalize' }}
                    />
                  ))}
                </nav>
              </ScrollArea.Autosize>
            </Card>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 9 }}>
            <Card withBorder radius="md">
              {current && <Editor key={current.key + (current.updated_at ?? '')} template={current} />}
            </Card>
          </Grid.Col>
        </Grid>
      )}
    </>
  )
}
