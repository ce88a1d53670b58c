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
