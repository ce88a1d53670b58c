import { expect, test } from '@playwright/test'
import { signIn, signOut } from './helpers'

test('a recruiter schedules an interview and the interviewer submits a scorecard from the kit', async ({
  page,
}) => {
  await signIn(page, 'recruiter@acme.example.com')
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Requisitions' })
    .click()
  await page.getByRole('link', { name: 'Senior Backend Engineer' }).click()
  await page.getByTestId('stage-1').getByText('Linus Torvalds').click()
  const drawer = page.getByRole('dialog', { name: 'Linus Torvalds' })
  await drawer.getByRole('button', { name: 'Schedule interview' }).click()
  const modal = page.getByRole('dialog', { name: 'Schedule an interview' })
  await modal.getByLabel(/^Starts/).fill('2030-03-04T10:00')
  await modal.getByLabel('Lead interviewer').click()
  await page.getByRole('option', { name: /Ian Interviewer/ }).click()
  for (const question of ['Tell me about a system you designed', 'How do you test concurrency?']) {
    await modal.getByRole('textbox', { name: 'New question' }).fill(question)
    await modal.getByRole('textbox', { name: 'New question' }).press('Enter')
  }
  await expect(modal.getByRole('list', { name: 'Guide questions' }).getByRole('listitem')).toHaveCount(2)
  await modal.getByRole('button', { name: 'Schedule and invite' }).click()
  await expect(page.getByText('Interview scheduled — invitations sent')).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(drawer).toBeHidden()
  await signOut(page)

  await signIn(page, 'interviewer@acme.example.com')
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Interviews' })
    .click()
  await page
    .getByRole('row', { name: /Mar 4, 2030/ })
    .getByRole('link', { name: 'Open interview kit' })
    .click()
  await expect(page.getByRole('heading', { name: 'Linus Torvalds' })).toBeVisible()
  await expect(page.getByText('How do you test concurrency?')).toBeVisible()
  await page.getByLabel('Overall rating (1–5)').fill('4.5')
  await page.getByText('Strong hire', { exact: true }).click()
  await page.getByLabel('Strengths').fill('Deep kernel knowledge; explains trade-offs clearly.')
  await expect(page.getByText(/Draft saved/)).toBeVisible()
  await page.getByRole('button', { name: 'Submit scorecard' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Submit' }).click()
  await expect(page.getByText(/^Submitted/)).toBeVisible()
})

test('a recruiter reschedules an interview, cancels it with a reason and browses the week calendar', async ({
  page,
}) => {
  await signIn(page, 'recruiter@acme.example.com')
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Interviews' })
    .click()
  await page
    .getByRole('row', { name: /Grace Hopper/ })
    .getByRole('link', { name: 'Open interview kit' })
    .click()
  await page.getByRole('button', { name: 'Change' }).click()
  await page.getByRole('menuitem', { name: 'Reschedule…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Reschedule the interview' })
  await dialog.getByLabel(/^New start/).fill('2030-07-01T09:30')
  await dialog.getByLabel('Reason').fill('The panel moved to the Berlin office.')
  await dialog.getByRole('button', { name: 'Reschedule and notify' }).click()
  await expect(page.getByText('Rescheduled — calendars updated')).toBeVisible()
  await expect(page.getByText(/Jul 1, 2030/)).toBeVisible()

  await page.getByRole('button', { name: 'Change' }).click()
  await page.getByRole('menuitem', { name: 'Cancel interview…' }).click()
  const cancel = page.getByRole('dialog', { name: 'Cancel the interview' })
  await cancel.getByRole('button', { name: 'Cancel and notify' }).click()
  await expect(cancel.getByText('Say why: the candidate and the panel are told.')).toBeVisible()
  await cancel.getByLabel('Reason').fill('The candidate accepted another offer.')
  await cancel.getByRole('button', { name: 'Cancel and notify' }).click()
  await expect(page.getByText('Interview cancelled')).toBeVisible()
  await expect(page.locator('.mantine-Badge-root', { hasText: 'cancelled' })).toBeVisible()

  await page.goto('/interviews')
  await page.getByText('Week', { exact: true }).click()
  await page.getByRole('button', { name: 'Next week' }).click()
  await expect(page.getByRole('list', { name: 'Days of the week' }).getByRole('listitem')).toHaveCount(7)
})
