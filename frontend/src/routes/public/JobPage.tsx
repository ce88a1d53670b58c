import {
  Alert,
  Badge,
  Button,
  Card,
  FileInput,
  Group,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core'
import { IconCircleCheck, IconFileCv } from '@tabler/icons-react'
import { useForm } from '@mantine/form'
import { Link, useParams } from 'react-router'
import { Body_apply } from '../../api/limits'
import { FormError } from '../../components/FormError'
import { ErrorState, LoadingRows } from '../../components/states'
import { apiRules, applyProblem } from '../../lib/form'
import { useApply, useJob } from '../../queries/jobBoard'
import { jobMeta } from './jobLabels'
import { PublicLayout } from './PublicLayout'

const MAX_BYTES = 10 * 1024 * 1024

function ApplyForm({ slug, id }: { slug: string; id: string }) {
  const apply = useApply(slug, id)
  const form = useForm({
    initialValues: {
      first_name: '',
      last_name: '',
      email: '',
      phone: '',
      why: '',
      resume: null as File | null,
    },
    validate: apiRules(Body_apply, {
      messages: {
        first_name: 'Enter your first name.',
        last_name: 'Enter your last name.',
        email: 'Enter your email address.',
        resume: 'Attach your résumé (PDF or Word).',
      },
      extra: (v) => ({
        email:
          v.email.trim() && !/^\S+@\S+\.\S+$/.test(v.email.trim()) ? 'Enter a valid email address.' : null,
        resume: v.resume && v.resume.size > MAX_BYTES ? 'The file is larger than 10 MB.' : null,
      }),
    }),
  })

  const submit = form.onSubmit(async (v) => {
    try {
      await apply.mutateAsync({
        first_name: v.first_name.trim(),
        last_name: v.last_name.trim(),
        email: v.email.trim(),
        phone: v.phone.trim() || null,
        answers: v.why.trim() ? JSON.stringify({ 'Why this role?': v.why.trim() }) : null,
        resume: v.resume!,
      })
    } catch (err) {
      applyProblem(form, err, { answers: 'why' })
    }
  })

  if (apply.isSuccess)
    return (
      <Alert color="green" icon={<IconCircleCheck />} title="Check your email" role="status">
        {apply.data.message}
      </Alert>
    )
  return (
    <Card withBorder radius="md" p="lg" component="form" onSubmit={submit} noValidate aria-label="Apply">
      <Stack>
        <Title order={2} size="h3">
          Apply
        </Title>
        <FormError form={form} />
        <Group grow wrap="wrap">
          <TextInput
            size="md"
            label="First name"
            required
            autoComplete="given-name"
            maxLength={100}
            {...form.getInputProps('first_name')}
          />
          <TextInput
            size="md"
            label="Last name"
            required
            autoComplete="family-name"
            maxLength={100}
            {...form.getInputProps('last_name')}
          />
        </Group>
        <TextInput
          size="md"
          label="Email"
          type="email"
          required
          autoComplete="email"
          {...form.getInputProps('email')}
        />
        <TextInput size="md" label="Phone" type="tel" autoComplete="tel" {...form.getInputProps('phone')} />
        <FileInput
          size="md"
          label="Résumé"
          description="PDF or Word, up to 10 MB"
          required
          accept="application/pdf,.docx"
          leftSection={<IconFileCv size={18} />}
          clearable
          {...form.getInputProps('resume')}
        />
        <Textarea
          size="md"
          label="Why this role? (optional)"
          autosize
          minRows={3}
          maxLength={5000}
          {...form.getInputProps('why')}
        />
        <Button size="md" type="submit" loading={form.submitting}>
          Submit application
        </Button>
        <Text size="xs" c="dimmed">
          We use your details only for this hiring process.
        </Text>
      </Stack>
    </Card>
  )
}

export function JobPage() {
  const { slug = '', id = '' } = useParams()
  const job = useJob(slug, id)
  return (
    <PublicLayout title={job.data?.organization_name}>
      {job.isError ? (
        <ErrorState error={job.error} />
      ) : !job.data ? (
        <LoadingRows />
      ) : (
        <Stack gap="lg">
          <Button component={Link} to={`/jobs/${slug}`} variant="subtle" w="fit-content" px={0}>
            ← All positions
          </Button>
          <Stack gap={4}>
            <Title order={1}>{job.data.title}</Title>
            <Text c="dimmed">{jobMeta(job.data)}</Text>
            <Group gap={4}>
              {job.data.required_skills.map((s) => (
                <Badge key={s.name} variant="light">
                  {s.name}
                </Badge>
              ))}
            </Group>
          </Stack>
          <Card withBorder radius="md" p="lg">
            <Stack>
              <div>
                <Title order={2} size="h4">
                  About the role
                </Title>
                <Text style={{ whiteSpace: 'pre-wrap' }}>{job.data.description}</Text>
              </div>
              {job.data.requirements && (
                <div>
                  <Title order={2} size="h4">
                    What you bring
                  </Title>
                  <Text style={{ whiteSpace: 'pre-wrap' }}>{job.data.requirements}</Text>
                </div>
              )}
            </Stack>
          </Card>
          <ApplyForm slug={slug} id={id} />
        </Stack>
      )}
    </PublicLayout>
  )
}
