import AxeBuilder from '@axe-core/playwright'
import { expect, type APIRequestContext, type Page } from '@playwright/test'
import { DEMO_PASSWORD } from './helpers'

/** A Step-1 test built through the API as a recruiter would: a bank with one multiple-choice, one coding and one
 * essay question, an open requisition whose first stage sends the assessment. Candidates applying get the
 * invitation email (captured in the outbox). */
export interface Step1 {
  auth: Record<string, string>
  requisitionId: string
  stageIds: string[]
  assessmentId: string
}

export interface Invited {
  applicationId: string
  invitationId: string
  email: string
  link: string
  username: string
  accessCode: string
}

export async function staff(request: APIRequestContext, email = 'admin@acme.example.com') {
  const login = await request.post('/api/v1/auth/login', { data: { email, password: DEMO_PASSWORD } })
  expect(login.ok()).toBeTruthy()
  return { Authorization: `Bearer ${(await login.json()).access_token}` }
}

async function post(request: APIRequestContext, auth: Record<string, string>, url: string, data: unknown) {
  const r = await request.post(url, { data, headers: auth })
  expect(r.ok(), `${url}: ${await r.text()}`).toBeTruthy()
  return r.json()
}

/** The assessment's timing and sections, when a spec needs other than one 60-minute section of all three. */
export interface Shape {
  durationMinutes?: number
  sections?: (ids: { mcq: string; code: string; essay: string }) => unknown[]
}

export async function buildStep1(request: APIRequestContext, shape: Shape = {}): Promise<Step1> {
  const auth = await staff(request)
  const tag = Date.now().toString(36)
  const bank = await post(request, auth, '/api/v1/question-banks', { name: `Player e2e ${tag}` })
  const mcq = await post(request, auth, '/api/v1/questions', {
    bank_id: bank.id,
    type: 'mcq_single',
    title: 'Binary search',
    body: 'What is the time complexity of binary search on a sorted array of `n` items?',
    difficulty: 'easy',
    points: 2,
    expected_minutes: 1,
    options: [{ text: 'O(n)' }, { text: 'O(log n)', correct: true }, { text: 'O(n log n)' }],
  })
  const code = await post(request, auth, '/api/v1/questions', {
    bank_id: bank.id,
    type: 'coding',
    title: 'Add two numbers',
    body: 'Complete `add(a, b)` so that it returns the sum of two integers.',
    difficulty: 'easy',
    points: 5,
    expected_minutes: 5,
    enabled: false,
    coding: {
      languages: {
        python3: {
          starter: 'def add(a, b):\n    pass\n',
          harness: 'a, b = map(int, input().split())\nprint(add(a, b))\n',
          reference: 'def add(a, b):\n    return a + b\n',
        },
      },
      test_cases: [
        { stdin: '1 2\n', expected_stdout: '3\n', visible: true },
        { stdin: '40 2\n', expected_stdout: '42\n', weight: 3 },
      ],
      time_limit_ms: 2000,
      memory_limit_mb: 128,
      comparison: 'trailing_whitespace',
    },
  })
  const essay = await post(request, auth, '/api/v1/questions', {
    bank_id: bank.id,
    type: 'essay',
    title: 'Design a rate limiter',
    body: 'Design a rate limiter for a public API. Discuss the **trade-offs**.',
    difficulty: 'medium',
    points: 10,
    expected_minutes: 10,
    rubric: [{ criterion: 'Algorithm choice', points: 10, guidance: 'Token bucket or sliding window' }],
  })
  const req = await post(request, auth, '/api/v1/requisitions', {
    title: `Player Engineer ${tag}`,
    description: 'Build the thing candidates use.',
  })
  await post(request, auth, `/api/v1/requisitions/${req.id}/status`, { status: 'open' })
  const assessment = await post(request, auth, '/api/v1/assessments', {
    name: `Step 1 — Player ${tag}`,
    instructions: 'Answer every question. Code in **Python**.',
    duration_minutes: shape.durationMinutes ?? 60,
    sections: shape.sections?.({ mcq: mcq.id, code: code.id, essay: essay.id }) ?? [
      { title: 'Everything', kind: 'fixed', question_ids: [mcq.id, code.id, essay.id] },
    ],
    result_release: 'after_grading',
    auto_advance: 60,
    manual_review: 40,
  })
  const stageId = req.stages[0].id
  const put = await request.put(`/api/v1/requisitions/${req.id}/stages/${stageId}/assessment`, {
    data: { assessment_id: assessment.id },
    headers: auth,
  })
  expect(put.ok(), await put.text()).toBeTruthy()
  return {
    auth,
    requisitionId: req.id,
    stageIds: req.stages.map((s: { id: string }) => s.id),
    assessmentId: assessment.id,
  }
}

/** A candidate applies: the application enters the assessment stage, the invitation email goes out; we read the
 * link, username and access code from the captured email, as the candidate would. */
export async function invite(request: APIRequestContext, step1: Step1, first: string): Promise<Invited> {
  const email = `${first.toLowerCase()}.${Date.now().toString(36)}@example.com`
  const candidate = await post(request, step1.auth, '/api/v1/candidates', {
    first_name: first,
    last_name: 'Tester',
    email,
  })
  const app = await post(request, step1.auth, '/api/v1/applications', {
    candidate_id: candidate.id,
    requisition_id: step1.requisitionId,
  })
  const invitations = await (
    await request.get(`/api/v1/invitations?application_id=${app.id}`, { headers: step1.auth })
  ).json()
  const outbox = await (
    await request.get(`/api/v1/email/outbox?q=${encodeURIComponent(email)}`, { headers: step1.auth })
  ).json()
  const mail = outbox.items.find((m: { template_key: string }) => m.template_key === 'assessment_invitation')
  expect(mail, 'the invitation email is in the outbox').toBeTruthy()
  const body = (await (await request.get(`/api/v1/email/outbox/${mail.id}`, { headers: step1.auth })).json())
    .body_text as string
  return {
    applicationId: app.id,
    invitationId: invitations.items[0].id,
    email,
    link: body.match(/\/t\/[\w-]+/)![0],
    username: body.match(/Username: (\S+)/)![1],
    accessCode: body.match(/Access code: (\S+)/)![1],
  }
}

/** axe-core (WCAG 2.1 A and AA) finds no serious or critical violation on the player's current screen. */
export async function expectAccessible(page: Page, screen: string) {
  await page.waitForTimeout(250) // let transitions (the modal) finish so colours are measured at rest
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze()
  const blocking = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  expect.soft(blocking, `${screen} has accessibility violations`).toEqual([])
}
