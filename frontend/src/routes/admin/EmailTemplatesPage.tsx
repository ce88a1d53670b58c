import {
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
import { useForm } from '@mantine/form'
import { IconDeviceFloppy } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { TemplateUpdate } from '../../api/limits'
import { FormError } from '../../components/FormError'
import { PageHeader } from '../../components/PageHeader'
import { ErrorState, LoadingRows } from '../../components/states'
import { formatDateTime } from '../../lib/format'
import { apiRules, applyProblem } from '../../lib/form'
import { notifySuccess } from '../../lib/notify'
import { previewTemplate, useSaveTemplate, useTemplates, type EmailTemplate } from '../../queries/email'

interface Draft {
  subject: string
  body_html: string
  body_text: string
}

function Editor({ template }: { template: EmailTemplate }) {
  const form = useForm<Draft>({
    initialValues: {
      subject: template.subject,
      body_html: template.body_html,
      body_text: template.body_text,
    },
    validate: apiRules(TemplateUpdate),
  })
  const [debounced] = useDebouncedValue(form.values, 400)
  const [preview, setPreview] = useState<Draft | null>(null)
  const save = useSaveTemplate()
  const { clearErrors, setErrors } = form

  // The preview renders the draft with sample data; a template that does not render shows its error on the
  // field at fault, and cannot be saved.
  useEffect(() => {
    let cancelled = false
    previewTemplate(template.key, debounced)
      .then((p) => {
        if (!cancelled) {
          setPreview(p)
          clearErrors()
        }
      })
      .catch((err) => {
        if (!cancelled) applyProblem({ getValues: () => debounced, setErrors }, err)
      })
    return () => {
      cancelled = true
    }
  }, [debounced, template.key, clearErrors, setErrors])

  const submit = form.onSubmit(async (draft) => {
    try {
      await save.mutateAsync({ key: template.key, body: draft })
      notifySuccess('Template saved')
    } catch (err) {
      applyProblem(form, err)
    }
  })

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, lg: 6 }}>
        <form onSubmit={submit} noValidate>
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
            <TextInput label="Subject" maxLength={300} {...form.getInputProps('subject')} />
            <Textarea
              label="HTML body"
              autosize
              minRows={8}
              maxRows={18}
              {...form.getInputProps('body_html')}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
            />
            <Textarea
              label="Plain-text body"
              autosize
              minRows={5}
              maxRows={12}
              {...form.getInputProps('body_text')}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
            />
            <FormError form={form} />
            <Group justify="space-between">
              <Text size="xs" c="dimmed">
                {template.customised && template.updated_at
                  ? `Last saved ${formatDateTime(template.updated_at)}`
                  : 'InterviewFlow default wording'}
              </Text>
              <Button
                type="submit"
                leftSection={<IconDeviceFloppy size={16} />}
                loading={form.submitting}
                disabled={!form.isDirty() || Object.keys(form.errors).length > 0}
              >
                Save template
              </Button>
            </Group>
          </Stack>
        </form>
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
                      component="button"
                      type="button"
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
