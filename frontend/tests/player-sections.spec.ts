import { expect, test } from '@playwright/test'
import { buildStep1, expectAccessible, invite, type Step1 } from './playerSetup'

// A section with its own time limit, and questions flagged for review. The player warns before a timed section
// opens (its clock starts then, on the server) and shows that section's clock while in it; the navigator says for
// each question whether it is answered and flagged, the flag survives a reload, and the submit confirmation lists
// the flagged questions next to the unanswered ones.

let step1: Step1
test.beforeAll(async ({ request }) => {
  step1 = await buildStep1(request, {
    sections: ({ mcq, essay }) => [
      { title: 'Warm-up', kind: 'fixed', question_ids: [mcq] },
      { title: 'Writing', kind: 'fixed', question_ids: [essay], time_limit_minutes: 20 },
    ],
  })
})

test('a timed section warns before it opens and shows its own clock; flags survive a reload', async ({
  page,
  request,
}) => {
  test.setTimeout(90_000)
  const sam = await invite(request, step1, 'Sam')
  await page.goto(sam.link)
  await page.getByLabel('I have read the instructions and I am ready to start.').check()
  await page.getByRole('button', { name: 'Start the test' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Binary search' })).toBeVisible()
  const nav = page.getByRole('navigation', { name: 'Questions' })
  await expect(nav.getByText('Writing · own 20-minute timer')).toBeVisible()
  await expect(page.getByTestId('section-timer')).toHaveCount(0) // the first section has no clock of its own

  // Flag the question, then answer it: the navigator's names carry both.
  const flag = page.getByRole('button', { name: 'Flag for review' })
  await expect(flag).toHaveAttribute('aria-pressed', 'false')
  await flag.click()
  await expect(flag).toHaveAttribute('aria-pressed', 'true')
  await expect(
    nav.getByRole('button', { name: 'Question 1, not answered, flagged for review' }),
  ).toBeVisible()
  await page.getByRole('radio', { name: 'O(log n)' }).check()
  await expect(nav.getByRole('button', { name: 'Question 1, answered, flagged for review' })).toBeVisible()
  await expect(nav.getByRole('button', { name: 'Question 2, not answered', exact: true })).toBeVisible()

  // The timed section: a warning first, and "Not yet" stays where we are.
  await page.getByRole('button', { name: 'Next' }).click()
  const gate = page.getByRole('dialog', { name: 'Open the “Writing” section?' })
  await expect(gate).toContainText('This section has its own 20-minute timer that starts when you open it.')
  await expect(gate).toContainText('when it runs out this section’s answers can no longer change')
  await expect(gate).toContainText('they stay open until the end of the test')
  await expectAccessible(page, 'timed-section warning')
  await page.screenshot({ path: 'test-results/player-section-gate.png' })
  await gate.getByRole('button', { name: 'Not yet' }).click()
  await expect(gate).toBeHidden()
  await expect(page.getByRole('heading', { level: 2, name: 'Binary search' })).toBeVisible()

  await nav.getByRole('button', { name: /^Question 2/ }).click()
  await gate.getByRole('button', { name: 'Open the section and start its timer' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Design a rate limiter' })).toBeVisible()
  const sectionClock = page.getByRole('timer', { name: /Writing/ })
  await expect(sectionClock).toHaveAccessibleName(
    /^Time left in the “Writing” section: (19|20) minutes left$/,
  )
  await expect(page.getByTestId('section-timer')).toContainText(/Section time left: (19|20):\d\d/)
  await page.getByRole('textbox', { name: 'Your answer' }).fill('A sliding window per key.')
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved')
  await expectAccessible(page, 'a question in a timed section')

  // A reload: same question, the section's clock still running, the flag kept by the server.
  await page.reload()
  await expect(page.getByRole('heading', { level: 2, name: 'Design a rate limiter' })).toBeVisible()
  await expect(page.getByRole('timer', { name: /Writing/ })).toBeVisible()
  await expect(nav.getByRole('button', { name: 'Question 1, answered, flagged for review' })).toBeVisible()
  await nav.getByRole('button', { name: /^Question 1/ }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Binary search' })).toBeVisible()
  await expect(flag).toHaveAttribute('aria-pressed', 'true')

  // Unflag and flag again with the keyboard; back into the opened section without a second warning.
  await flag.focus()
  await page.keyboard.press('Space')
  await expect(flag).toHaveAttribute('aria-pressed', 'false')
  await expect(nav.getByRole('button', { name: 'Question 1, answered', exact: true })).toBeVisible()
  await page.keyboard.press('Enter')
  await expect(flag).toHaveAttribute('aria-pressed', 'true')
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved')
  await page.getByRole('button', { name: 'Next' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Design a rate limiter' })).toBeVisible()
  await expect(gate).toBeHidden()

  // The confirmation lists what is flagged, and a click goes back to it.
  await page.getByRole('button', { name: 'Review and submit' }).first().click()
  const dialog = page.getByRole('dialog', { name: 'Submit your test?' })
  await expect(dialog.getByText('You have answered every question.')).toBeVisible()
  const flagged = dialog.getByRole('list', { name: 'Questions flagged for review' })
  await expect(flagged.getByRole('listitem')).toHaveText(['Question 1: Binary search'])
  await expectAccessible(page, 'submit confirmation with a flagged question')
  await flagged.getByRole('button', { name: 'Question 1: Binary search' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Binary search' })).toBeVisible()
})
