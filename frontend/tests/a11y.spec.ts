import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { signIn } from './helpers'
import { apiToken, questionIds, requisitionWithCandidate, takeTest } from './step1'

// Every screen, tried as the demo users see it, checked against WCAG 2.1 A and AA. Serious and critical
// violations fail the test; the message lists each rule with the elements that break it.
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

// Each check analyses a whole page: give the tests that visit many pages the time for it.
test.describe.configure({ timeout: 180_000 })

async function expectAccessible(page: Page, screen: string) {
  // Let entrance transitions (drawers, modals) finish so colours are measured at rest.
  await page.waitForTimeout(300)
  // Sandboxed frames show what an email template's author wrote, not our screens; axe cannot run inside a
  // frame that forbids scripts and would wait for it forever.
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).exclude('iframe[sandbox]').analyze()
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  const report = blocking.map(
    (v) =>
      `${v.impact} ${v.id}: ${v.help}\n` +
      v.nodes
        .slice(0, 5)
        .map((n) => `    ${n.target.join(' ')}  ${n.failureSummary?.split('\n').slice(1).join(' ') ?? ''}`)
        .join('\n'),
  )
  expect.soft(report, `${screen} has accessibility violations`).toEqual([])
}

const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name, exact: true }).click()

const heading = (page: Page, name: string) =>
  expect(page.getByRole('heading', { level: 1, name })).toBeVisible()

test('public pages: sign-in, job board, a job with its apply form, account activation', async ({ page }) => {
  await page.goto('/login')
  await heading(page, 'Sign in to your workspace')
  await expectAccessible(page, 'sign-in')

  await page.goto('/jobs/acme')
  await expect(page.getByRole('link', { name: /Senior Backend Engineer/ })).toBeVisible()
  await expectAccessible(page, 'job board')

  await page.getByRole('link', { name: /Senior Backend Engineer/ }).click()
  await expect(page.getByRole('button', { name: 'Submit application' })).toBeVisible()
  await page.getByRole('button', { name: 'Submit application' }).click()
  await expect(page.getByText('Enter your first name.')).toBeVisible()
  await expectAccessible(page, 'job page and apply form (with errors)')

  await page.goto('/activate?token=not-a-real-token')
  await heading(page, 'Create your password')
  await expectAccessible(page, 'account activation')
})

test('recruiter screens', async ({ page }) => {
  await signIn(page, 'recruiter@acme.example.com')
  await heading(page, 'Recruiter dashboard')
  await expectAccessible(page, 'recruiter dashboard')

  await nav(page, 'Requisitions')
  await expect(page.getByRole('link', { name: 'Senior Backend Engineer' })).toBeVisible()
  await expectAccessible(page, 'requisitions')

  await page.getByRole('link', { name: 'Senior Backend Engineer' }).click()
  await expect(page.getByTestId('board-card').first()).toBeVisible()
  await expectAccessible(page, 'pipeline board')

  await page.getByTestId('board-card').getByText('Dennis Ritchie').click()
  const drawer = page.getByRole('dialog', { name: 'Dennis Ritchie' })
  await expect(drawer.getByRole('table', { name: 'Scorecard summary' })).toBeVisible()
  await expectAccessible(page, 'application drawer')
  await page.keyboard.press('Escape')

  await nav(page, 'Candidates')
  await expect(page.getByRole('table', { name: 'Candidates' })).toBeVisible()
  await expectAccessible(page, 'candidates')

  await page.getByRole('link', { name: 'Grace Hopper' }).click()
  await heading(page, 'Grace Hopper')
  await expect(page.getByRole('table', { name: 'Applications' })).toBeVisible()
  await expectAccessible(page, 'candidate page')

  await nav(page, 'Interviews')
  await expect(page.getByRole('table', { name: 'Upcoming interviews' })).toBeVisible()
  await expectAccessible(page, 'interviews list')

  await page.getByText('Week', { exact: true }).click()
  await expect(page.getByRole('list', { name: 'Days of the week' })).toBeVisible()
  await expectAccessible(page, 'interviews week')
})

test('assessment screens: assessments, links, grading, results, Step-1 reviews', async ({
  page,
  request,
}) => {
  // A test sent and taken through the API, so every screen has something to show. Full page loads on 2 busy
  // cores: each check waits longer than the default.
  const slow = expect.configure({ timeout: 30_000 })
  test.setTimeout(360_000)
  const recruiter = await apiToken(request, 'recruiter@acme.example.com')
  const admin = await apiToken(request, 'admin@acme.example.com')
  const stamp = Date.now()
  const { req, email, application } = await requisitionWithCandidate(request, recruiter, stamp, 'Robin')
  const ids = await questionIds(request, recruiter, ['Syllogism', 'Design a URL shortener'])
  const assessment = await (
    await request.post('/api/v1/assessments', {
      headers: recruiter,
      data: {
        name: `Axe screen ${stamp}`,
        duration_minutes: 30,
        auto_advance: 90,
        manual_review: 10,
        sections: [{ title: 'All', kind: 'fixed', question_ids: ids }],
      },
    })
  ).json()
  await request.put(`/api/v1/requisitions/${req.id}/stages/${req.stages[0].id}/assessment`, {
    headers: recruiter,
    data: { assessment_id: assessment.id },
  })
  const sent = await request.post('/api/v1/invitations', {
    headers: recruiter,
    data: { application_id: application.id },
  })
  expect(sent.status()).toBe(201)
  const sessionId = await takeTest(request, admin, email)

  await signIn(page, 'recruiter@acme.example.com')
  await heading(page, 'Recruiter dashboard')
  await nav(page, 'Assessments')
  await slow(page.getByRole('table', { name: 'Assessments' })).toBeVisible()
  await expectAccessible(page, 'assessments')
  await page.goto(`/assessments/${assessment.id}`)
  await slow(page.getByText('Syllogism')).toBeVisible()
  await expectAccessible(page, 'assessment editor')
  await page.getByRole('button', { name: 'Add questions' }).click()
  await slow(page.getByRole('table', { name: 'Questions to add' })).toBeVisible()
  await expectAccessible(page, 'question picker')
  await page.keyboard.press('Escape')
  await page.getByRole('link', { name: 'Preview as a candidate' }).click()
  await slow(page.getByRole('article').first()).toBeVisible()
  await expectAccessible(page, 'assessment preview')

  await nav(page, 'Links')
  await slow(page.getByRole('table', { name: 'Assessment links' })).toBeVisible()
  await expectAccessible(page, 'links')
  await page.getByRole('button', { name: 'Manage the link of Robin Tester' }).first().click()
  await slow(page.getByRole('table', { name: 'Access log' })).toBeVisible()
  await expectAccessible(page, 'link drawer')
  await page.keyboard.press('Escape')

  await nav(page, 'Grading')
  await slow(page.getByRole('table', { name: 'Answers to grade' })).toBeVisible()
  await expectAccessible(page, 'grading queue')
  await page.goto(`/results/${sessionId}`)
  await slow(page.getByRole('form', { name: /^Grade question/ })).toBeVisible()
  await expectAccessible(page, 'results with essay grading')

  const results = await (
    await request.get(`/api/v1/test-sessions/${sessionId}`, { headers: recruiter })
  ).json()
  const essay = results.answers.find((a: { type: string }) => a.type === 'essay')
  await request.post(`/api/v1/test-sessions/${sessionId}/answers/${essay.position}/grade`, {
    headers: recruiter,
    data: { criteria: essay.rubric.map((_: unknown, index: number) => ({ index, points: 1 })) },
  })
  await nav(page, 'Step-1 reviews')
  await slow(page.getByRole('table', { name: 'Step-1 reviews' })).toBeVisible()
  await page
    .getByRole('row')
    .filter({ hasText: 'Robin Tester' })
    .getByRole('button', { name: 'Decide…' })
    .click()
  await slow(page.getByRole('form', { name: 'Step-1 decision for Robin Tester' })).toBeVisible()
  await expectAccessible(page, 'Step-1 reviews')
})

test('interviewer screens: interview kit', async ({ page }) => {
  await signIn(page, 'interviewer@acme.example.com')
  await heading(page, 'Interviewer dashboard')
  await expectAccessible(page, 'interviewer dashboard')
  await nav(page, 'Interviews')
  await page
    .getByRole('row', { name: /Grace Hopper/ })
    .getByRole('link', { name: 'Open interview kit' })
    .click()
  await heading(page, 'Grace Hopper')
  await expect(page.getByRole('heading', { name: 'Your scorecard' })).toBeVisible()
  await expectAccessible(page, 'interview kit')
})

test('executive screens: final decisions', async ({ page }) => {
  await signIn(page, 'cto@acme.example.com')
  await heading(page, 'Executive dashboard')
  await expectAccessible(page, 'executive dashboard')
  await nav(page, 'Final decisions')
  await expect(page.getByRole('table', { name: 'Awaiting final decision' })).toBeVisible()
  await expectAccessible(page, 'final decisions')
  await page.getByRole('table', { name: 'Awaiting final decision' }).getByRole('link').first().click()
  await expect(page.getByRole('region', { name: 'Executive decisions' })).toBeVisible()
  await expectAccessible(page, 'final decision')
})

test('candidate portal', async ({ page }) => {
  await signIn(page, 'candidate@acme.example.com')
  await heading(page, 'My applications')
  await expect(page.getByRole('list', { name: 'My applications' })).toBeVisible()
  await expectAccessible(page, 'candidate portal')
})

test('admin screens: people and settings', async ({ page }) => {
  await signIn(page, 'admin@acme.example.com')
  await heading(page, 'Admin dashboard')
  await expectAccessible(page, 'admin dashboard')

  await nav(page, 'Users')
  await expect(page.getByRole('table', { name: 'Users' })).toBeVisible()
  await expectAccessible(page, 'users')
  await page.getByRole('button', { name: 'New user' }).click()
  await page.getByRole('dialog', { name: 'New user' }).getByRole('button', { name: 'Create user' }).click()
  await expect(page.getByText('Enter a name.')).toBeVisible()
  await expectAccessible(page, 'new user form (with errors)')
  await page.keyboard.press('Escape')

  await nav(page, 'Hiring settings')
  await expect(page.getByRole('table', { name: 'Round templates' })).toBeVisible()
  await expectAccessible(page, 'hiring settings: rounds')
  await page.getByRole('tab', { name: 'Rejection reasons' }).click()
  await expect(page.getByRole('textbox', { name: 'New reason' })).toBeVisible()
  await expectAccessible(page, 'hiring settings: reasons')
  await page.getByRole('tab', { name: /Thresholds/ }).click()
  await expect(page.getByRole('textbox', { name: 'Time zone' })).toBeVisible()
  await expectAccessible(page, 'hiring settings: thresholds')

  await nav(page, 'API keys')
  await heading(page, 'API keys')
  await expectAccessible(page, 'api keys')
})

test('admin screens: what the platform did', async ({ page }) => {
  await signIn(page, 'admin@acme.example.com')
  await heading(page, 'Admin dashboard')

  await nav(page, 'Audit log')
  await expect(page.getByRole('table', { name: 'Audit log entries' })).toBeVisible()
  await expectAccessible(page, 'audit log')

  await nav(page, 'Email templates')
  await expect(page.getByRole('textbox', { name: 'Subject' })).toBeVisible()
  await expectAccessible(page, 'email templates')

  await nav(page, 'Outbox')
  await expect(page.getByRole('table', { name: 'Emails' })).toBeVisible()
  await expectAccessible(page, 'outbox')

  await nav(page, 'Jobs')
  await heading(page, 'Background jobs')
  await expect(page.getByRole('table', { name: 'Jobs' })).toBeVisible()
  await expectAccessible(page, 'jobs')

  await nav(page, 'Notifications')
  await expect(page.getByRole('list', { name: 'Notifications' })).toBeVisible()
  await expectAccessible(page, 'notifications')
})

test('question banks: list, banks, editor, import, queue; the read-only view', async ({ page }) => {
  await signIn(page, 'admin@acme.example.com')
  await nav(page, 'Question banks')
  await heading(page, 'Question bank')
  await expect(page.getByRole('table', { name: 'Questions' }).getByRole('row').nth(1)).toBeVisible()
  await expectAccessible(page, 'questions')

  // A coding question of the demo (CodeMirror, the test cases and Verify).
  await page.getByRole('combobox', { name: 'Filter by type' }).click()
  await page.getByRole('option', { name: 'Coding' }).click()
  await page.getByRole('table', { name: 'Questions' }).getByRole('row').nth(1).click()
  await expect(page.getByTestId('verify-panel')).toBeVisible({ timeout: 30_000 })
  await expect(page.getByRole('textbox', { name: /^Reference solution/ })).toBeVisible()
  await expectAccessible(page, 'coding question editor')

  await page.getByRole('link', { name: 'Back to the bank' }).click()
  await page.getByRole('tab', { name: 'Banks' }).click()
  await expect(page.getByRole('table', { name: 'Question banks' })).toBeVisible()
  await expectAccessible(page, 'question banks')

  await page.getByRole('tab', { name: 'Import & export' }).click()
  await expect(page.getByRole('button', { name: 'Check the file' })).toBeVisible()
  await expectAccessible(page, 'question import and export')

  await page.getByRole('tab', { name: 'Suggestions & issues' }).click()
  await heading(page, 'Suggestions and issue reports')
  await expectAccessible(page, 'suggestions and issue reports')

  await page.goto('/questions/new')
  await heading(page, 'New question')
  await expectAccessible(page, 'new question')
})

test('platform screens: organizations', async ({ page }) => {
  await signIn(page, 'superadmin@interviewflow.dev')
  await heading(page, 'Platform')
  await nav(page, 'Organizations')
  await expect(page.getByRole('table', { name: 'Organizations' })).toBeVisible()
  await expectAccessible(page, 'organizations')
})
