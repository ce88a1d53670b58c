import { expect as baseExpect, test, type Page } from '@playwright/test'
import { signIn } from './helpers'
import { apiToken, requisitionWithCandidate, takeTest } from './step1'

// Step 1 as the recruiter runs it: an assessment is built from the banks, attached to the pipeline's assessment
// stage and sent; the link is extended on the Links page; the candidate takes the test (through the player's API:
// the player has its own specs); the essay is graded, the result lands in the Step-1 review and is decided.

// The journey crosses many screens on 2 shared cores: give each step's check more time than the default.
const expect = baseExpect.configure({ timeout: 30_000 })

const SHOTS = process.env.SCREENSHOTS // a folder: where to save screenshots of each screen (for reviewing UI)
const shot = async (page: Page, name: string) => {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true })
}

const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name, exact: true }).click()

test('an assessment is built, sent, taken, graded and decided', async ({ page, request }) => {
  test.setTimeout(300_000)
  const stamp = Date.now()
  const recruiter = await apiToken(request, 'recruiter@acme.example.com')
  const admin = await apiToken(request, 'admin@acme.example.com')

  // A requisition whose first stage is an assessment stage, and a candidate in it.
  const { req, email } = await requisitionWithCandidate(request, recruiter, stamp, 'Riley')

  // The recruiter builds the assessment from two bank questions, with its own Step-1 thresholds.
  await signIn(page, 'recruiter@acme.example.com')
  await nav(page, 'Assessments')
  await expect(page.getByRole('heading', { level: 1, name: 'Assessments' })).toBeVisible()
  await page.getByRole('link', { name: 'New assessment' }).first().click()
  const name = `Data screen ${stamp}`
  await page.getByRole('textbox', { name: 'Name' }).fill(name)
  await page.getByRole('textbox', { name: 'Section 1 title' }).fill('Reasoning and design')
  for (const question of ['Syllogism', 'Design a URL shortener']) {
    await page.getByRole('button', { name: 'Add questions' }).click()
    const picker = page.getByRole('dialog', { name: 'Add questions' })
    await picker.getByRole('textbox', { name: 'Search' }).fill(question)
    await picker.getByRole('checkbox', { name: `Add ${question}` }).check()
    await picker.getByRole('button', { name: /^Add 1 question$/ }).click()
    await expect(page.getByText(question, { exact: true })).toBeVisible()
  }
  await page.getByRole('textbox', { name: 'Advance automatically at (%)' }).fill('90')
  await page.getByRole('textbox', { name: 'Manual review from (%)' }).fill('10')
  await shot(page, 'assessment-editor')
  await page.getByRole('button', { name: 'Create assessment' }).click()
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
  await expect(page.getByText('2 questions · 60 min')).toBeVisible()

  // The preview shows the test as a candidate would see it.
  await page.getByRole('link', { name: 'Preview as a candidate' }).click()
  await expect(page.getByRole('article', { name: /Syllogism/ })).toBeVisible()
  await shot(page, 'assessment-preview')

  // It goes on the requisition's assessment stage; the recruiter sends the test from the application drawer.
  await page.goto(`/requisitions/${req.id}`)
  await page.getByRole('button', { name: 'Pipeline' }).click()
  const stages = page.getByRole('dialog', { name: 'Pipeline stages' })
  await stages.getByRole('combobox', { name: /^Assessment sent by/ }).click()
  await page.getByRole('option', { name }).click()
  await expect(page.getByText(/sends this assessment/)).toBeVisible()
  await page.keyboard.press('Escape')
  await page.getByTestId('board-card').getByText('Riley Tester').click()
  const drawer = page.getByRole('dialog', { name: 'Riley Tester' })
  await drawer.getByRole('button', { name: 'Send test' }).click()
  await page
    .getByRole('dialog', { name: /Send a test to Riley Tester/ })
    .getByRole('button', { name: 'Send test' })
    .click()
  await expect(page.getByText(/Test sent to Riley Tester/)).toBeVisible()
  await expect(drawer.getByText(/Link to .* expires/)).toBeVisible()
  await page.keyboard.press('Escape')

  // The Links page lists it; a recruiter may extend it only within the step's limit: the API's field error shows.
  await nav(page, 'Links')
  await page.getByRole('switch', { name: 'My candidates' }).check()
  const row = page.getByRole('row', { name: /Link of Riley Tester/ })
  await expect(row).toContainText('Active')
  await shot(page, 'links')
  await row.getByRole('button', { name: 'Manage the link of Riley Tester' }).click()
  const link = page.getByRole('dialog', { name: 'Link of Riley Tester' })
  const extend = link.getByRole('form', { name: 'Extend the link' })
  await extend.getByRole('textbox', { name: 'Days to add' }).fill('200')
  await extend.getByRole('button', { name: 'Extend' }).click()
  await expect(extend.locator('.mantine-InputWrapper-error')).toBeVisible()
  await extend.getByRole('textbox', { name: 'Days to add' }).fill('2')
  await extend.getByRole('button', { name: 'Extend' }).click()
  await expect(page.getByText(/^Now expires/)).toBeVisible()
  await expect(
    link.getByRole('table', { name: 'Access log' }).or(link.getByText('Nobody has opened')),
  ).toBeVisible()
  await shot(page, 'link-drawer')
  await page.keyboard.press('Escape')

  // The candidate takes the test: the link from the invitation email (the local mail catcher), the right option,
  // an essay, submit.
  await takeTest(request, admin, email)

  // The essay waits in the grading queue; the recruiter grades it with the rubric.
  await nav(page, 'Grading')
  const toGrade = page.getByRole('row', { name: /Design a URL shortener, Riley Tester/ })
  await shot(page, 'grading-queue')
  await toGrade.getByRole('link', { name: 'Grade' }).click()
  const essay = page.getByRole('form', { name: /^Grade question/ })
  const points = essay.getByRole('textbox', { name: /^Points for/ })
  await expect(points.first()).toBeVisible()
  for (let i = 0; i < (await points.count()); i++) await points.nth(i).fill('1')
  await essay.getByRole('textbox', { name: 'Comment for the team' }).fill('Covers the basics; no sharding.')
  await shot(page, 'essay-grading')
  await essay.getByRole('button', { name: 'Save grade' }).click()
  await expect(page.getByText('Grade saved')).toBeVisible()
  // The score falls between the thresholds: the result waits for a person.
  await expect(page.getByText('Manual review', { exact: true }).first()).toBeVisible()
  await shot(page, 'results')

  // The Step-1 review: advance, with a note.
  await nav(page, 'Step-1 reviews')
  const review = page.getByRole('row').filter({ hasText: 'Riley Tester' })
  await review.getByRole('button', { name: 'Decide…' }).click()
  const decision = page.getByRole('form', { name: 'Step-1 decision for Riley Tester' })
  await decision
    .getByRole('textbox', { name: 'Note' })
    .fill('Reasoning is right; the design answer is thin but fixable.')
  await shot(page, 'step1-review')
  await decision.getByRole('button', { name: 'Advance' }).click()
  await expect(page.getByText('Riley Tester advances to the next stage')).toBeVisible()

  // The results, from the application drawer: the decision and the chosen vs correct options.
  await page.goto(`/requisitions/${req.id}`)
  await page.getByTestId('board-card').getByText('Riley Tester').click()
  await page.getByRole('dialog', { name: 'Riley Tester' }).getByRole('link', { name: 'Results' }).click()
  await expect(page.getByRole('heading', { level: 1, name: `Riley Tester — ${name}` })).toBeVisible()
  await expect(page.getByText('Advanced after review', { exact: true })).toBeVisible()
  await expect(page.getByRole('table', { name: /Options of question/ })).toContainText('correct')
  await expect(page.getByText(/Reasoning is right; the design answer is thin/)).toBeVisible()
})
