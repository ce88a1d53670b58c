import { expect, test, type Page } from '@playwright/test'
import { buildStep1, expectAccessible, invite, type Step1 } from './playerSetup'

// The player with the keyboard alone, checked by axe-core (WCAG 2.1 A and AA) on every screen: the sign-in
// pages, the rules, each kind of question, the submit confirmation and the thank-you page. Extra time shows as
// the candidate's own time.

/** Tab until the focused element matches; fails if it never does. */
async function tabTo(page: Page, accessibleName: RegExp, max = 40) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab')
    const name = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null
      if (!el) return ''
      const labelled = el.getAttribute('aria-labelledby')
      const byId = labelled ? document.getElementById(labelled)?.textContent : null
      return (
        el.getAttribute('aria-label') ??
        byId ??
        (el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null) ??
        el.textContent ??
        ''
      ).trim()
    })
    if (accessibleName.test(name)) return
  }
  throw new Error(`never reached ${accessibleName} with Tab`)
}

let step1: Step1
test.beforeAll(async ({ request }) => {
  step1 = await buildStep1(request)
})

test('sign-in screens are accessible, and a wrong code says so', async ({ page }) => {
  await page.goto('/t')
  await expect(page.getByRole('heading', { level: 1, name: 'Start your assessment' })).toBeVisible()
  await expectAccessible(page, 'access-code sign-in')
  await page.getByLabel('Username').fill('nobody_0000')
  await page.getByLabel('Access code').fill('WRONG123')
  await page.getByRole('button', { name: 'Continue' }).click()
  await expect(page.getByRole('alert')).toContainText('Wrong username or access code')
  await expectAccessible(page, 'access-code sign-in with an error')

  await page.goto('/t/this-link-does-not-exist-anywhere')
  await expect(page.getByRole('heading', { level: 1, name: 'This link does not work' })).toBeVisible()
  await expectAccessible(page, 'broken link')
})

test('a candidate with extra time completes the test with the keyboard alone', async ({ page, request }) => {
  test.setTimeout(180_000) // seven axe analyses and a few hundred key presses on 2 busy cores
  const grace = await invite(request, step1, 'Grace')
  // The recruiter grants +50 %: the candidate simply sees 90 minutes as their time.
  const granted = await request.put(`/api/v1/invitations/${grace.invitationId}/accommodation`, {
    data: { extra_time_percent: 50 },
    headers: step1.auth,
  })
  expect(granted.ok(), await granted.text()).toBeTruthy()

  await page.setViewportSize({ width: 1280, height: 900 })
  await page.goto(grace.link)
  await expect(page.getByRole('heading', { level: 1, name: /Hi Grace/ })).toBeVisible({ timeout: 20_000 })
  await expect(page.getByText('90 minutes')).toBeVisible()
  await expect(page.getByText(/extra|penalt/i)).toHaveCount(0)
  await expectAccessible(page, 'rules')

  await tabTo(page, /I have read the instructions/)
  await page.keyboard.press('Space')
  await tabTo(page, /^Start the test$/)
  await page.keyboard.press('Enter')

  // Focus moves to the question's heading; the options are reached with Tab and chosen with the arrows.
  await expect(page.getByRole('heading', { level: 2, name: 'Binary search' })).toBeFocused()
  await expectAccessible(page, 'multiple-choice question')
  await page.keyboard.press('Tab')
  await expect(page.getByRole('button', { name: 'Flag for review' })).toBeFocused()
  await tabTo(page, /^O\(n\)$/)
  await page.keyboard.press('ArrowDown')
  await expect(page.getByRole('radio', { name: 'O(log n)' })).toBeChecked()
  await tabTo(page, /^Next$/)
  await page.keyboard.press('Enter')

  await expect(page.getByRole('heading', { level: 2, name: 'Add two numbers' })).toBeFocused()
  await expect(page.getByRole('textbox', { name: 'Your code in Python 3' })).toBeVisible()
  await tabTo(page, /^Your code in Python 3$/)
  await page.keyboard.press('ControlOrMeta+a')
  await page.keyboard.insertText('def add(a, b):\n    return a + b\n')
  await expectAccessible(page, 'coding question')
  // Tab leaves the editor (it does not indent): the candidate is never trapped in it.
  await tabTo(page, /^Next$/)
  await page.keyboard.press('Enter')

  await expect(page.getByRole('heading', { level: 2, name: 'Design a rate limiter' })).toBeFocused()
  await page.keyboard.press('Tab')
  await expect(page.getByRole('button', { name: 'Flag for review' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(
    page.getByRole('button', { name: 'Question 3, not answered, flagged for review' }),
  ).toBeVisible()
  await tabTo(page, /^Your answer$/)
  await page.keyboard.type('Sliding window.')
  await expect(page.getByTestId('essay-count')).toContainText('15 / 50,000 characters · 2 words')
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved')
  await expectAccessible(page, 'essay question')
  await page.screenshot({ path: 'test-results/player-essay.png', fullPage: true })

  await tabTo(page, /^Review and submit$/)
  await page.keyboard.press('Enter')
  const dialog = page.getByRole('dialog', { name: 'Submit your test?' })
  await expect(
    dialog.getByRole('list', { name: 'Questions flagged for review' }).getByRole('listitem'),
  ).toHaveText(['Question 3: Design a rate limiter'])
  await expectAccessible(page, 'submit confirmation')
  await page.screenshot({ path: 'test-results/player-submit.png' })
  await tabTo(page, /^Submit test$/)
  await page.keyboard.press('Enter')

  await expect(page.getByRole('heading', { level: 1, name: 'Thank you, Grace' })).toBeFocused()
  await expectAccessible(page, 'thank-you page')
})

test('at 200 % zoom the test still fits and nothing is cut off', async ({ page, request }) => {
  const lin = await invite(request, step1, 'Lin')
  // 200 % of a 1280 px window: the page lays out in 640 CSS pixels.
  await page.setViewportSize({ width: 640, height: 450 })
  await page.goto(lin.link)
  await page.getByLabel('I have read the instructions and I am ready to start.').check()
  await page.getByRole('button', { name: 'Start the test' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Binary search' })).toBeVisible()
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  expect(overflow).toBeLessThanOrEqual(0)
  await expect(page.getByRole('timer')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Next' })).toBeVisible()
  await page.screenshot({ path: 'test-results/player-zoom200.png', fullPage: true })
})
