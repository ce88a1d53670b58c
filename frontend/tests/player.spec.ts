import { expect, test, type Page } from '@playwright/test'
import { buildStep1, invite, type Step1 } from './playerSetup'

// The candidate's hour, end to end: the invitation email → the link → the rules → multiple choice, code (run on
// the examples), an essay → the connection drops while typing → back online → a reload → another device with the
// access code → submit → graded → the application moves on by itself.

let step1: Step1
test.beforeAll(async ({ request }) => {
  step1 = await buildStep1(request)
})

const saved = (page: Page) => expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved')
const question = (page: Page, title: string) =>
  expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible()

test('a candidate takes the test from the emailed link, offline for a moment, and is advanced', async ({
  page,
  browser,
  request,
  context,
}) => {
  const ada = await invite(request, step1, 'Ada')

  // The link signs in by itself and leaves the address bar; the rules come first, the clock has not started.
  await page.goto(ada.link)
  await expect(page).toHaveURL(/\/test$/)
  await expect(
    page.getByRole('heading', { level: 1, name: 'Hi Ada, welcome to your assessment' }),
  ).toBeVisible()
  await expect(page.getByText('60 minutes')).toBeVisible()
  await expect(page.getByText('Saving on this device: OK.')).toBeVisible()
  await page.screenshot({ path: 'test-results/player-rules.png', fullPage: true })
  await page.getByLabel('I have read the instructions and I am ready to start.').check()
  await page.getByRole('button', { name: 'Start the test' }).click()

  // Multiple choice: a click saves at once.
  await question(page, 'Binary search')
  await expect(page.getByRole('timer')).toHaveAccessibleName(/Time left: (59|1 hour) /)
  await page.getByRole('radio', { name: 'O(log n)' }).check()
  await saved(page)
  await expect(page.getByRole('button', { name: 'Question 1, answered' })).toBeVisible()
  await page.getByRole('button', { name: 'Next' }).click()

  // Code, run on the visible example.
  await question(page, 'Add two numbers')
  const editor = page.getByRole('textbox', { name: 'Your code in Python 3' })
  await expect(editor).toContainText('pass')
  await editor.click()
  await page.keyboard.press('ControlOrMeta+a')
  await page.keyboard.insertText('def add(a, b):\n    return a + b\n')
  await page.getByRole('button', { name: 'Run visible tests' }).click()
  await expect(page.getByText('1 of 1 examples passed')).toBeVisible({ timeout: 30_000 })
  await expect(page.getByRole('table', { name: 'Results on the examples' }).getByText('Passed')).toBeVisible()
  await saved(page)
  await page.screenshot({ path: 'test-results/player-coding.png', fullPage: true })
  await page.getByRole('button', { name: 'Question 3, not answered' }).click()

  // The essay; then the connection drops mid-sentence and the candidate keeps typing.
  await question(page, 'Design a rate limiter')
  const essay = page.getByRole('textbox', { name: 'Your answer' })
  await essay.fill('A token bucket per API key.')
  await saved(page)
  await context.setOffline(true)
  await essay.press('End')
  await essay.pressSequentially(' Counters live in Redis.', { delay: 10 })
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'offline')
  await expect(page.getByRole('alert').or(page.getByText('You are offline')).first()).toBeVisible()
  await page.screenshot({ path: 'test-results/player-offline.png', fullPage: true })
  await context.setOffline(false)
  await saved(page)

  // A reload lands on the same question with everything typed, and the timer still running.
  await page.reload()
  await question(page, 'Design a rate limiter')
  await expect(page.getByRole('textbox', { name: 'Your answer' })).toHaveValue(
    'A token bucket per API key. Counters live in Redis.',
  )
  await expect(page.getByTestId('answered-count')).toHaveText('3 of 3 answered')

  // Another device: the username and access code from the same email resume the test at the same place.
  const laptop = await browser.newContext()
  const other = await laptop.newPage()
  await other.goto('/t')
  await other.getByLabel('Username').fill(ada.username)
  await other.getByLabel('Access code').fill(ada.accessCode)
  await other.getByRole('button', { name: 'Continue' }).click()
  await question(other, 'Design a rate limiter')
  await expect(other.getByRole('textbox', { name: 'Your answer' })).toHaveValue(
    'A token bucket per API key. Counters live in Redis.',
  )
  await laptop.close()

  // Submit: the confirmation says nothing is missing.
  await page.getByRole('button', { name: 'Finish test' }).click()
  const dialog = page.getByRole('dialog', { name: 'Submit your test?' })
  await expect(dialog.getByText('You have answered every question.')).toBeVisible()
  await dialog.getByRole('button', { name: 'Submit test' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Thank you, Ada' })).toBeVisible()
  await page.screenshot({ path: 'test-results/player-done.png', fullPage: true })

  // A person grades the essay: the session is fully graded and the Step-1 rule moves the application on.
  const sessions = await (
    await request.get(`/api/v1/applications/${ada.applicationId}/test-sessions`, { headers: step1.auth })
  ).json()
  const graded = await request.post(`/api/v1/test-sessions/${sessions[0].id}/answers/2/grade`, {
    data: { criteria: [{ index: 0, points: 8 }], comment: 'Clear.' },
    headers: step1.auth,
  })
  expect(graded.ok(), await graded.text()).toBeTruthy()
  await expect
    .poll(
      async () =>
        (
          await (
            await request.get(`/api/v1/applications/${ada.applicationId}`, { headers: step1.auth })
          ).json()
        ).stage_id,
      { timeout: 30_000 },
    )
    .toBe(step1.stageIds[1])

  // The candidate sees the released result on the thank-you page once graded.
  await page.reload()
  await expect(page.getByText(/Score: \d+%/)).toBeVisible()
})
