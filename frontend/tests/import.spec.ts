import { expect, test } from '@playwright/test'
import { signIn } from './helpers'

test('the import wizard reports bad rows, then imports a fixed file', async ({ page }) => {
  const stamp = Date.now()
  await signIn(page, 'recruiter@acme.example.com')
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Candidates' })
    .click()
  await page.getByRole('button', { name: 'Import' }).click()
  const dialog = page.getByRole('dialog', { name: 'Import candidates' })

  const bad = `first_name,last_name,email\nRosalind,Franklin,rosalind.${stamp}@example.com\n,Curie,marie.${stamp}@example.com\n`
  await dialog
    .locator('input[type=file]')
    .setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) })
  await dialog.getByRole('button', { name: 'Check the file' }).click()
  const problems = dialog.getByRole('table', { name: 'Import problems' })
  await expect(problems.getByRole('row', { name: /3 first_name Required/ })).toBeVisible()

  await dialog.getByRole('button', { name: 'Choose another file' }).click()
  const good = `first_name,last_name,email\nRosalind,Franklin,rosalind.${stamp}@example.com\nMarie,Curie,marie.${stamp}@example.com\n`
  await dialog
    .locator('input[type=file]')
    .setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(good) })
  await dialog.getByRole('button', { name: 'Check the file' }).click()
  await dialog.getByRole('button', { name: 'Import 2 candidates' }).click()
  await expect(dialog.getByRole('status')).toContainText('2 candidates added')
  await dialog.getByRole('button', { name: 'Done' }).click()
  await page.getByLabel('Search candidates').fill(`rosalind.${stamp}`)
  await expect(page.getByRole('link', { name: 'Rosalind Franklin' })).toBeVisible()
})
