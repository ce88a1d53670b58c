import { expect, test } from '@playwright/test'
import { signIn, signOut } from './helpers'

test('an admin creates a recruiter who then signs in, and the audit log shows it', async ({ page }) => {
  const email = `new.recruiter.${Date.now()}@acme.example.com`
  await signIn(page, 'admin@acme.example.com')
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Users' }).click()
  await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible()
  await expect(page.getByRole('table', { name: 'Users' })).toBeVisible()

  await page.getByRole('button', { name: 'New user' }).click()
  const dialog = page.getByRole('dialog', { name: 'New user' })
  await dialog.getByLabel('Full name').fill('Nova Recruiter')
  await dialog.getByLabel('Email').fill(email)
  await dialog.getByLabel('Initial password').fill('short')
  await dialog.getByRole('button', { name: 'Create user' }).click()
  await expect(dialog.getByText('At least 10 characters.')).toBeVisible()
  await dialog.getByLabel('Initial password').fill('first-password-1')
  await dialog.getByRole('button', { name: 'Create user' }).click()
  await expect(dialog).toBeHidden()
  await page.getByLabel('Search users').fill('nova')
  await expect(page.getByRole('cell', { name: email })).toBeVisible()

  // Duplicate email: the API's field error lands on the field.
  await page.getByRole('button', { name: 'New user' }).click()
  await dialog.getByLabel('Full name').fill('Copy Cat')
  await dialog.getByLabel('Email').fill(email)
  await dialog.getByLabel('Initial password').fill('first-password-1')
  await dialog.getByRole('button', { name: 'Create user' }).click()
  await expect(dialog.getByText('Already in use')).toBeVisible()
  await dialog.getByRole('button', { name: 'Cancel' }).click()

  await page.getByRole('link', { name: 'Audit log', exact: true }).click()
  await page.getByRole('textbox', { name: 'Action' }).fill('user.created')
  await page.getByRole('button', { name: 'Apply filters' }).click()
  await page
    .getByRole('row', { name: /user\.created/ })
    .first()
    .click()
  const drawer = page.getByRole('dialog')
  await expect(drawer.getByText(email)).toBeVisible()

  await page.keyboard.press('Escape')
  await signOut(page)
  await signIn(page, email, 'first-password-1')
  await expect(page.getByRole('heading', { name: 'Recruiter dashboard' })).toBeVisible()
})

test('the admin reads captured emails in the outbox', async ({ page }) => {
  await signIn(page, 'admin@acme.example.com')
  await page.getByRole('link', { name: 'Outbox', exact: true }).click()
  await page.getByLabel('Search emails').fill('recruiter@acme.example.com')
  // The account email, not whatever else the recruiter was sent since (a daily digest, at its hour of the day).
  const row = page
    .getByRole('row', { name: /recruiter@acme\.example\.com/ })
    .filter({ hasText: 'account on InterviewFlow' })
    .first()
  await expect(row.getByText('captured')).toBeVisible({ timeout: 20_000 })
  await row.click()
  await expect(
    page.frameLocator('iframe[title="Email preview"]').getByText('created your InterviewFlow account'),
  ).toBeVisible()
})

test('an API key is shown once and can be revoked', async ({ page }) => {
  await signIn(page, 'admin@acme.example.com')
  await page.getByRole('link', { name: 'API keys', exact: true }).click()
  await page.getByRole('button', { name: 'New API key' }).click()
  const dialog = page.getByRole('dialog', { name: 'New API key' })
  await dialog.getByLabel('Name').fill('HRIS sync')
  await dialog.getByLabel('Scopes').click()
  await page.getByRole('option', { name: /^users:read/ }).click()
  await dialog.getByLabel('Name').click()
  await dialog.getByRole('button', { name: 'Create key' }).click()
  await expect(page.getByTestId('new-api-key')).toContainText('ifk_')
  await page.getByRole('button', { name: 'Done' }).click()
  const row = page.getByRole('row', { name: /HRIS sync/ })
  await row.getByRole('button', { name: 'Revoke' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click()
  await expect(row.getByText('Revoked')).toBeVisible()
})
