import { expect, test } from '@playwright/test'
import { buildStep1, invite, type Step1 } from './playerSetup'

// The time runs out while the candidate is in the test. A one-minute assessment (the shortest a recruiter can set)
// keeps this real: the player warns, the server closes the session by itself at the deadline (its deadline job),
// a change still travelling when the time is up is refused with a 409, and the player says what was kept.

let step1: Step1
test.beforeAll(async ({ request }) => {
  step1 = await buildStep1(request, {
    durationMinutes: 1,
    sections: ({ mcq, essay }) => [{ title: 'Quick', kind: 'fixed', question_ids: [mcq, essay] }],
  })
})

test('the time runs out: warned, closed by the server, a late change explained', async ({
  page,
  request,
}) => {
  test.setTimeout(150_000) // one real minute of test, and the deadline job's turn
  const tess = await invite(request, step1, 'Tess')
  await page.goto(tess.link)
  await page.getByLabel('I have read the instructions and I am ready to start.').check()
  await page.getByRole('button', { name: 'Start the test' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Binary search' })).toBeVisible()

  // Less than a minute from the start: warned in view and aloud (the timer's live region).
  await expect(page.getByTestId('time-warning')).toContainText('Less than a minute left')
  await expect(page.getByTestId('timer-announcement')).toHaveText(/(seconds|1 minute) left/)
  await expect(page.getByRole('timer')).toHaveAccessibleName(/Time left: \d+ seconds left|1 minute left/)

  await page.getByRole('radio', { name: 'O(log n)' }).check()
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved')
  await page.getByRole('button', { name: 'Next' }).click()
  const essay = page.getByRole('textbox', { name: 'Your answer' })
  await essay.fill('A token bucket per API key.')
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved')

  const sessionStatus = async () => {
    const r = await request.get(`/api/v1/applications/${tess.applicationId}/test-sessions`, {
      headers: step1.auth,
    })
    return ((await r.json()) as { status: string }[])[0]?.status
  }
  // The next change is slow to travel (a weak connection): it reaches the server only after the deadline, when
  // the server has closed the session by itself.
  await page.route('**/api/v1/player/session/answers/1', async (route) => {
    await expect.poll(sessionStatus, { timeout: 100_000, intervals: [1000] }).toBe('timed_out')
    await route.continue()
  })
  const refused = page.waitForResponse(
    (r) => r.url().endsWith('/api/v1/player/session/answers/1') && r.request().method() === 'PUT',
    { timeout: 120_000 },
  )
  await essay.press('End')
  await essay.pressSequentially(' Counters in Redis.', { delay: 10 })

  // The deadline: the player waits for that change's answer, then says what happened.
  await expect(
    page.getByTestId('time-up').or(page.getByRole('heading', { level: 1, name: 'Time is up' })),
  ).toBeVisible({ timeout: 90_000 })
  const late = await refused
  expect(late.status()).toBe(409)
  expect(((await late.json()) as { type: string }).type).toMatch(/\/test-closed$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Time is up' })).toBeVisible()
  await expect(page.getByText('Everything you saved before then has been submitted.')).toBeVisible()
  await expect(page.getByTestId('answered-summary')).toHaveText('Answers submitted: 2 of 2 questions.')
  await expect(page.getByText('Changes to question 2 were made on this device')).toBeVisible()
  await page.screenshot({ path: 'test-results/player-time-up.png', fullPage: true })

  // The server kept what was saved before the deadline, and the session says who closed it.
  expect(await sessionStatus()).toBe('timed_out')
  await page.unroute('**/api/v1/player/session/answers/1')
  await page.reload()
  await expect(page.getByRole('heading', { level: 1, name: 'Time is up' })).toBeVisible()
  const sessions = await (
    await request.get(`/api/v1/applications/${tess.applicationId}/test-sessions`, { headers: step1.auth })
  ).json()
  const results = await (
    await request.get(`/api/v1/test-sessions/${sessions[0].id}`, { headers: step1.auth })
  ).json()
  expect(JSON.stringify(results)).toContain('A token bucket per API key.')
  expect(JSON.stringify(results)).not.toContain('Counters in Redis')
})
