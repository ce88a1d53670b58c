import { expect, test, type Page } from '@playwright/test'
import { signIn, signOut } from './helpers'

const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name }).click()

async function openCameron(page: Page) {
  await nav(page, 'Requisitions')
  await page.getByRole('link', { name: 'Senior Backend Engineer' }).click()
  await page.getByTestId('board-card').getByText('Cameron Candidate').click()
  return page.getByRole('dialog', { name: 'Cameron Candidate' })
}

async function submitScorecard(page: Page, rating: string, recommendation: string) {
  await page.getByLabel('Overall rating (1–5)').fill(rating)
  await page.getByText(recommendation, { exact: true }).click()
  await expect(page.getByText(/Draft saved/)).toBeVisible()
  await page.getByRole('button', { name: 'Submit scorecard' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Submit' }).click()
  await expect(page.getByText(/^Submitted/)).toBeVisible()
}

async function openKit(page: Page) {
  await nav(page, 'Interviews')
  await page
    .getByRole('row', { name: /Jun 3, 2030/ })
    .getByRole('link', { name: 'Open interview kit' })
    .click()
  await expect(page.getByRole('heading', { name: 'Cameron Candidate' })).toBeVisible()
}

async function decideAs(page: Page, email: string, score: string) {
  await signIn(page, email)
  await nav(page, 'Final decisions')
  await page.getByRole('link', { name: 'Cameron Candidate' }).click()
  await expect(page.getByRole('article', { name: 'Scorecard of Ian Interviewer' })).toBeVisible()
  await expect(page.getByRole('article', { name: 'Scorecard of Harper Manager' })).toBeVisible()
  const form = page.getByRole('region', { name: 'Your decision' })
  await form.getByLabel('Score (0–100)').fill(score)
  await form.getByRole('button', { name: 'Record decision' }).click()
  await page
    .getByRole('dialog', { name: 'Record your decision?' })
    .getByRole('button', { name: 'Confirm' })
    .click()
  await expect(page.getByText(/decision recorded/)).toBeVisible()
}

test('a panel interviews blind, the recruiter advances on the scorecards, the executives hire and the candidate sees it', async ({
  page,
}) => {
  test.setTimeout(90_000)
  // The recruiter schedules a technical interview with two panelists, seeing that everyone is free.
  await signIn(page, 'recruiter@acme.example.com')
  let drawer = await openCameron(page)
  await drawer.getByRole('button', { name: 'Schedule interview' }).click()
  const modal = page.getByRole('dialog', { name: 'Schedule an interview' })
  await modal.getByLabel(/^Starts/).fill('2030-06-03T10:00')
  await modal.getByLabel('Lead interviewer').click()
  await page.getByRole('option', { name: /Ian Interviewer/ }).click()
  await modal.getByLabel('Panel').click()
  await page.getByRole('option', { name: /Harper Manager/ }).click()
  await expect(modal.getByText('The candidate and the panel are all free then.')).toBeVisible()
  await modal.getByRole('button', { name: 'Schedule and invite' }).click()
  await expect(page.getByText('Interview scheduled — invitations sent')).toBeVisible()
  await expect(drawer.getByRole('table', { name: 'Scorecard summary' }).getByText('Awaiting')).toHaveCount(2)
  await page.keyboard.press('Escape')
  await signOut(page)

  // The first panelist submits from the kit.
  await signIn(page, 'interviewer@acme.example.com')
  await openKit(page)
  await submitScorecard(page, '4.5', 'Strong hire')
  await signOut(page)

  // The second cannot read it before submitting theirs, and can afterwards.
  await signIn(page, 'hm@acme.example.com')
  await openKit(page)
  await expect(page.getByText('Submit yours to see the other panelists’ scorecards.')).toBeVisible()
  await expect(
    page.getByText('Strong hire', { exact: true }).and(page.locator('.mantine-Badge-root')),
  ).toHaveCount(0)
  await submitScorecard(page, '4', 'Hire')
  await expect(page.locator('.mantine-Badge-root', { hasText: 'Strong hire' })).toBeVisible()
  await signOut(page)

  // The recruiter sees the summary and confirms the computed outcome: the application advances.
  await signIn(page, 'recruiter@acme.example.com')
  drawer = await openCameron(page)
  const summary = drawer.getByRole('table', { name: 'Scorecard summary' })
  await expect(summary.getByRole('row', { name: /Ian Interviewer.*Strong hire/ })).toBeVisible()
  await expect(summary.getByRole('row', { name: /Harper Manager.*Hire/ })).toBeVisible()
  await drawer.getByRole('button', { name: 'Confirm: advance' }).click()
  await expect(drawer.getByText('Step 3 — Executive interview').first()).toBeVisible()
  await page.keyboard.press('Escape')
  await signOut(page)

  // Both executive seats decide (the organization requires both); the hire moves it to the offer stage.
  await decideAs(page, 'ceo@acme.example.com', '85')
  await signOut(page)
  await decideAs(page, 'cto@acme.example.com', '90')
  await expect(
    page.getByRole('region', { name: 'Executive decisions' }).getByText('hire', { exact: true }),
  ).toBeVisible()
  await signOut(page)

  // The candidate sees the outcome in the portal.
  await signIn(page, 'candidate@acme.example.com')
  const mine = page.getByRole('listitem').filter({ hasText: 'Senior Backend Engineer' })
  await expect(mine.getByText('Offer', { exact: true })).toBeVisible()
})

test('an admin reopens a submitted scorecard with a reason', async ({ page }) => {
  await signIn(page, 'admin@acme.example.com')
  await nav(page, 'Requisitions')
  await page.getByRole('link', { name: 'Senior Backend Engineer' }).click()
  await page.getByTestId('board-card').getByText('Dennis Ritchie').click()
  const drawer = page.getByRole('dialog', { name: 'Dennis Ritchie' })
  await drawer.getByRole('button', { name: "Reopen Ian Interviewer's scorecard" }).click()
  await page.getByLabel('Why reopen it?').fill('Ian asked to correct the communication rating.')
  await page.getByRole('button', { name: 'Reopen scorecard' }).click()
  await expect(page.getByText('Ian Interviewer can edit their scorecard again')).toBeVisible()
  await expect(drawer.getByRole('row', { name: /Ian Interviewer.*Draft/ })).toBeVisible()
})
