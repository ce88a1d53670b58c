import { expect, test } from '@playwright/test'
import { signIn } from './helpers'

test('an admin switches a programming language off for the organization, and on again', async ({ page }) => {
  await signIn(page, 'admin@acme.example.com')
  await page.getByRole('link', { name: 'Hiring settings' }).click()
  await page.getByRole('tab', { name: 'Languages' }).click()
  const table = page.getByRole('table', { name: 'Programming languages' })
  for (const name of ['Python 3', 'JavaScript (Node.js)', 'Java', 'C++']) {
    await expect(table.getByText(name, { exact: true })).toBeVisible()
  }
  await expect(table.getByText('javac', { exact: false })).toBeVisible()

  const java = page.getByRole('switch', { name: 'Use Java', exact: true })
  await expect(java).toBeChecked()
  await java.click({ force: true })
  await expect(page.getByText('Java disabled.')).toBeVisible()
  await page.reload()
  await page.getByRole('tab', { name: 'Languages' }).click()
  await expect(page.getByRole('switch', { name: 'Use Java', exact: true })).not.toBeChecked()

  await page.getByRole('switch', { name: 'Use Java', exact: true }).click({ force: true })
  await expect(page.getByText('Java enabled.')).toBeVisible()
  await expect(page.getByRole('switch', { name: 'Use Java', exact: true })).toBeChecked()
})
