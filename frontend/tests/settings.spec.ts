import { expect, test } from '@playwright/test'
import { signIn } from './helpers'

test('an admin manages rejection reasons and edits a pipeline', async ({ page }) => {
  const reason = `Relocation not possible ${Date.now()}`
  await signIn(page, 'admin@acme.example.com')
  await page.getByRole('link', { name: 'Hiring settings' }).click()
  await expect(
    page.getByRole('table', { name: 'Round templates' }).getByText('Step 1 — Online assessment'),
  ).toBeVisible()
  await page.getByRole('tab', { name: 'Rejection reasons' }).click()
  await page.getByRole('textbox', { name: 'New reason' }).fill(reason)
  await page.getByRole('button', { name: 'Add', exact: true }).click()
  await expect(page.getByText(reason)).toBeVisible()

  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Requisitions' })
    .click()
  await page.getByText('Draft', { exact: true }).click()
  // Exact: other specs add open "Data Engineer <stamp>" requisitions, listed until the Draft filter applies.
  await page.getByRole('link', { name: 'Data Engineer', exact: true }).click()
  await page.getByRole('button', { name: 'Pipeline' }).click()
  const editor = page.getByRole('dialog', { name: 'Pipeline stages' })
  await editor.getByLabel('Add a stage').click()
  await page.getByRole('option', { name: 'Recruiter screen' }).click()
  await editor.getByRole('button', { name: 'Add at the end' }).click()
  await expect(editor.getByText('5. Recruiter screen')).toBeVisible()
  await editor.getByRole('button', { name: 'Move Recruiter screen up' }).click()
  await expect(editor.getByText('4. Recruiter screen')).toBeVisible()
  await editor.getByRole('button', { name: 'Remove Recruiter screen' }).click()
  await expect(editor.getByText('Recruiter screen')).toHaveCount(0)
})
