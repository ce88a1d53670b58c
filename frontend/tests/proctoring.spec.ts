import AxeBuilder from '@axe-core/playwright'
import { expect, test, type APIRequestContext, type Page } from '@playwright/test'
import { fileURLToPath } from 'node:url'
import { signIn } from './helpers'
import { invite, staff, type Step1 } from './playerSetup'

// Proctoring end to end, in Chromium with a fake camera that shows a real face: the candidate allows the webcam
// before the start (the test cannot start without it), enters full screen, switches away and leaves full screen;
// the recruiter reviews the session, confirms a flag and records a verdict; the candidate sees what was recorded
// and explains it; the interviewer reads the integrity summary and verdict in the interview kit. Axe checks the
// new screens.

const FACE = fileURLToPath(new URL('./fixtures-face.y4m', import.meta.url))
test.use({
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${FACE}`,
    ],
  },
})
test.describe.configure({ timeout: 180_000 })

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']
async function expectAccessible(page: Page, screen: string, only?: string) {
  await page.waitForTimeout(300)
  const axe = new AxeBuilder({ page }).withTags(WCAG)
  const { violations } = await (only ? axe.include(only) : axe).analyze()
  const blocking = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  expect.soft(blocking, `${screen} has accessibility violations`).toEqual([])
}

async function post(request: APIRequestContext, auth: Record<string, string>, url: string, data: unknown) {
  const r = await request.post(url, { data, headers: auth })
  expect(r.ok(), `${url}: ${await r.text()}`).toBeTruthy()
  return r.json()
}

/** A proctored assessment (webcam and full screen) with one question, sent by an open requisition's first
 * stage; leaving full screen once is a flag (medium) in this organization's rules. */
async function proctored(request: APIRequestContext): Promise<Step1> {
  const auth = await staff(request)
  const tag = Date.now().toString(36)
  const rules = [{ type: 'fullscreen_exit', measure: 'count', medium: 1 }]
  const settings = await request.patch('/api/v1/organization/settings', {
    data: { proctoring: { severity_rules: rules } },
    headers: auth,
  })
  expect(settings.ok(), await settings.text()).toBeTruthy()
  const bank = await post(request, auth, '/api/v1/question-banks', { name: `Proctoring e2e ${tag}` })
  const mcq = await post(request, auth, '/api/v1/questions', {
    bank_id: bank.id,
    type: 'mcq_single',
    title: 'Binary search',
    body: 'What is the time complexity of binary search?',
    difficulty: 'easy',
    points: 2,
    expected_minutes: 1,
    options: [{ text: 'O(n)' }, { text: 'O(log n)', correct: true }],
  })
  const req = await post(request, auth, '/api/v1/requisitions', {
    title: `Proctored Engineer ${tag}`,
    description: 'Watched kindly.',
  })
  await post(request, auth, `/api/v1/requisitions/${req.id}/status`, { status: 'open' })
  const assessment = await post(request, auth, '/api/v1/assessments', {
    name: `Step 1 — Proctored ${tag}`,
    instructions: 'One question, webcam on.',
    duration_minutes: 30,
    sections: [{ title: 'Everything', kind: 'fixed', question_ids: [mcq.id] }],
    proctoring: { fullscreen_required: true, webcam_required: true },
  })
  const put = await request.put(`/api/v1/requisitions/${req.id}/stages/${req.stages[0].id}/assessment`, {
    data: { assessment_id: assessment.id },
    headers: auth,
  })
  expect(put.ok(), await put.text()).toBeTruthy()
  return { auth, requisitionId: req.id, stageIds: [], assessmentId: assessment.id }
}

test('signals are recorded, a reviewer confirms one, the candidate sees the log and explains', async ({
  page,
  browser,
  request,
}) => {
  const setup = await proctored(request)
  const ada = await invite(request, setup, 'Ada')

  // The browser refuses the camera once (as when the candidate clicks "Block"), then allows it.
  await page.addInitScript(() => {
    const media = navigator.mediaDevices
    const original = media.getUserMedia.bind(media)
    let refused = false
    media.getUserMedia = (constraints) => {
      if (refused) return original(constraints)
      refused = true
      return Promise.reject(new DOMException('Permission denied', 'NotAllowedError'))
    }
  })
  await page.goto(ada.link)
  await page.getByLabel('I have read the instructions and I am ready to start.').check()

  // The camera comes before the start: without it the test cannot start, and the page says why.
  const start = page.getByRole('button', { name: 'Start the test' })
  await expect(page.getByRole('heading', { level: 2, name: 'Webcam check' })).toBeVisible()
  await expect(start).toBeDisabled()
  await expect(page.getByText(/The test starts once your camera is on/)).toBeVisible()
  await page.getByRole('button', { name: 'Allow camera' }).click()
  await expect(page.getByText('The browser blocked the camera')).toBeVisible()
  await expect(start).toBeDisabled()
  await expectAccessible(page, 'rules screen with the camera refused')
  await page.getByRole('button', { name: 'Try again' }).click()
  await expect(page.getByText(/Camera ready: a test picture was taken/)).toBeVisible()
  await expect(page.getByRole('status').filter({ hasText: 'Camera ready' })).toBeVisible()
  await expect(start).toBeEnabled()
  await expectAccessible(page, 'rules screen with the camera ready')
  await start.click()

  // The test opens on the camera allowed above (no second consent); full screen is asked for.
  await page.getByRole('button', { name: 'Return to full screen' }).click()
  await expect(page.getByRole('heading', { name: 'Turn your camera back on' })).toHaveCount(0)
  await expect(page.getByRole('heading', { level: 2, name: 'Binary search' })).toBeVisible()
  await page.getByRole('radio', { name: 'O(log n)' }).check()

  // Away from the test for a moment, then out of full screen (asked to come back).
  await page.evaluate(() => window.dispatchEvent(new Event('blur')))
  await page.waitForTimeout(1200)
  await page.evaluate(() => window.dispatchEvent(new Event('focus')))
  await page.evaluate(() => document.exitFullscreen())
  await expect(page.getByRole('heading', { name: 'Return to full screen' })).toBeVisible()
  await page.getByRole('button', { name: 'Return to full screen' }).click()

  // The recruiter sees them arrive (batches every 5 s; a snapshot 1.5 s after the camera starts).
  const sessions = await (
    await request.get(`/api/v1/applications/${ada.applicationId}/test-sessions`, { headers: setup.auth })
  ).json()
  const sessionId = sessions[0].id as string
  await expect
    .poll(
      async () => {
        const r = await request.get(`/api/v1/proctoring/sessions/${sessionId}`, { headers: setup.auth })
        return ((await r.json()).events as { type: string }[]).map((e) => e.type).sort()
      },
      { timeout: 30_000 },
    )
    .toEqual(expect.arrayContaining(['focus_lost', 'fullscreen_exit', 'webcam_snapshot']))

  await page.getByRole('button', { name: 'Finish test' }).click()
  await page
    .getByRole('dialog', { name: 'Submit your test?' })
    .getByRole('button', { name: 'Submit test' })
    .click()
  await expect(page.getByRole('heading', { level: 1, name: 'Thank you, Ada' })).toBeVisible()

  // The recruiter reviews: the flag is confirmed with a note.
  const staffPage = await (await browser.newContext()).newPage()
  await signIn(staffPage, 'recruiter@acme.example.com')
  await expect(staffPage.getByRole('navigation', { name: 'Main navigation' })).toBeVisible()
  await staffPage.goto(`/integrity/sessions/${sessionId}`)
  await expect(staffPage.getByRole('heading', { level: 1, name: /Integrity review: Ada/ })).toBeVisible({
    timeout: 30_000,
  })
  await expect(staffPage.getByRole('img', { name: /Webcam snapshot/ })).toBeVisible()
  await expectAccessible(staffPage, 'integrity review')
  await staffPage.getByLabel("Reviewer's note").fill('Left full screen during the test.')
  await staffPage.getByRole('button', { name: 'Confirm' }).click()
  await expect(staffPage.getByText('confirmed', { exact: true })).toBeVisible()
  // Any other flag is settled too (the face check may flag a snapshot), then the verdict.
  const flags = (
    await (await request.get(`/api/v1/proctoring/sessions/${sessionId}`, { headers: setup.auth })).json()
  ).events.filter((e: { review_status: string | null }) => e.review_status === 'pending')
  for (const e of flags as { id: string }[])
    await post(request, setup.auth, `/api/v1/proctoring/sessions/${sessionId}/events/${e.id}/review`, {
      decision: 'dismissed',
      note: 'Checked in the timeline.',
    })
  await post(request, setup.auth, `/api/v1/proctoring/sessions/${sessionId}/verdict`, {
    verdict: 'concern',
    note: 'Ask about the full-screen exit in the interview.',
  })
  await staffPage.goto('/integrity/live')
  await expect(staffPage.getByRole('heading', { level: 1, name: 'Live monitor' })).toBeVisible()
  await expectAccessible(staffPage, 'live monitor')
  await staffPage.goto('/integrity')
  await expect(staffPage.getByRole('heading', { level: 1, name: 'Integrity reviews' })).toBeVisible()
  await expectAccessible(staffPage, 'integrity reviews')

  // The candidate sees what was recorded and answers it; never the reviewer's note.
  await page.reload()
  const log = page.getByRole('heading', { name: 'What was recorded during your test' })
  await expect(log).toBeVisible()
  await expect(page.getByText(/Left full screen —/)).toBeVisible()
  await expect(page.getByText('Left full screen during the test.')).toHaveCount(0)
  await page.getByRole('button', { name: 'Explain this' }).first().click()
  await page.getByLabel('Your explanation').fill('My cat stepped on the Escape key.')
  await page.getByRole('button', { name: 'Send explanation' }).click()
  await expect(page.getByText('Your explanation: My cat stepped on the Escape key.')).toBeVisible()

  const review = await (
    await request.get(`/api/v1/proctoring/sessions/${sessionId}`, { headers: setup.auth })
  ).json()
  expect(
    review.events.some((e: { candidate_note: string | null }) => e.candidate_note?.includes('cat')),
  ).toBeTruthy()

  // The interview kit: Ian, on Ada's panel, sees her test's integrity summary and the verdict next to the score
  // (he cannot open the integrity review itself).
  const users = await (
    await request.get('/api/v1/users?q=interviewer%40acme.example.com', { headers: setup.auth })
  ).json()
  const interview = await post(request, setup.auth, '/api/v1/interviews', {
    application_id: ada.applicationId,
    starts_at: '2031-02-03T10:00:00+00:00',
    lead_interviewer_id: users.items[0].id,
  })
  const ian = await (await browser.newContext()).newPage()
  await signIn(ian, 'interviewer@acme.example.com')
  await expect(ian.getByRole('navigation', { name: 'Main navigation' })).toBeVisible()
  await ian.goto(`/interviews/${interview.id}`)
  const integrity = ian
    .getByRole('region', { name: 'Candidate summary' })
    .getByRole('region', { name: 'Integrity summary' })
  await expect(integrity).toBeVisible()
  await expect(integrity.getByText('Verdict: Concern')).toBeVisible()
  await expect(integrity.getByLabel(/Integrity risk:/)).toBeVisible()
  await expect(integrity.getByRole('list', { name: 'Why' })).toContainText('Left full screen')
  await expect(integrity.getByText('Ask about the full-screen exit in the interview.')).toBeVisible()
  await expect(integrity.getByRole('link', { name: 'Open the integrity review' })).toHaveCount(0)
  await expectAccessible(ian, 'interview kit with the integrity summary')
})
