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
import { useState, type FormEvent } from 'react'
import { Link, useParams } from 'react-router'
import { ErrorState, LoadingRows } from '../../components/states'
import { ApiError, errorMessage, fieldErrors } from '../../lib/problem'
import { applyToJob, useJob } from '../../queries/jobBoard'
import { jobMeta } from './jobLabels'
import { PublicLayout } from './PublicLayout'

const MAX_BYTES = 10 * 1024 * 1024

function ApplyForm({ slug, id }: { slug: string; id: string }) {
  const [form, setForm] = useState({ first_name: '', last_name: '', email: '', phone: '', why: '' })
  const [resume, setResume] = useState<File | null>(null)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState<{ message: string } | null>(null)
  const set = (key: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
    setForm({ ...form, [key]: e.currentTarget.value })

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const local: Record<string, string> = {}
    if (!form.first_name.trim()) local.first_name = 'Enter your first name.'
    if (!form.last_name.trim()) local.last_name = 'Enter your last name.'
    if (!/^\S+@\S+\.\S+$/.test(form.email.trim())) local.email = 'Enter a valid email address.'
    if (!resume) local.resume = 'Attach your résumé (PDF or Word).'
    else if (resume.size > MAX_BYTES) local.resume = 'The file is larger than 10 MB.'
    setErrors(local)
    if (Object.keys(local).length) return
    const data = new FormData()
    data.append('first_name', form.first_name.trim())
    data.append('last_name', form.last_name.trim())
    data.append('email', form.email.trim())
    if (form.phone.trim()) data.append('phone', form.phone.trim())
    if (form.why.trim()) data.append('answers', JSON.stringify({ 'Why this role?': form.why.trim() }))
    data.append('resume', resume!)
    setBusy(true)
    try {
      const result = await applyToJob(slug, id, data)
      setDone({ message: result.message })
    } catch (err) {
      const fields = err instanceof ApiError ? fieldErrors(err.problem) : {}
      setErrors(Object.keys(fields).length ? fields : { form: errorMessage(err) })
    } finally {
      setBusy(false)
    }
  }

  if (done)
    return (
      <Alert color="green" icon={<IconCircleCheck />} title="Check your email" role="status">
        {done.message}
      </Alert>
    )
  return (
    <Card withBorder radius="md" p="lg" component="form" onSubmit={submit} noValidate aria-label="Apply">
      <Stack>
        <Title order={2} size="h3">
          Apply
        </Title>
        {errors.form && (
          <Alert color="red" role="alert">
            {errors.form}
          </Alert>
        )}
        <Group grow wrap="wrap">
          <TextInput
            size="md"
            label="First name"
            required
            autoComplete="given-name"
            value={form.first_name}
            onChange={set('first_name')}
            error={errors.first_name}
            maxLength={100}
          />
          <TextInput
            size="md"
            label="Last name"
            required
            autoComplete="family-name"
            value={form.last_name}
            onChange={set('last_name')}
            error={errors.last_name}
            maxLength={100}
          />
        </Group>
        <TextInput
          size="md"
          label="Email"
          type="email"
          required
          autoComplete="email"
          value={form.email}
          onChange={set('email')}
          error={errors.email}
        />
        <TextInput
          size="md"
          label="Phone"
          type="tel"
          autoComplete="tel"
          value={form.phone}
          onChange={set('phone')}
          error={errors.phone}
        />
        <FileInput
          size="md"
          label="Résumé"
          description="PDF or Word, up to 10 MB"
          required
          accept="application/pdf,.docx"
          leftSection={<IconFileCv size={18} />}
          value={resume}
          onChange={setResume}
          error={errors.resume}
          clearable
        />
        <Textarea
          size="md"
          label="Why this role? (optional)"
          autosize
          minRows={3}
          value={form.why}
          onChange={set('why')}
          maxLength={5000}
        />
        <Button size="md" type="submit" loading={busy}>
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
