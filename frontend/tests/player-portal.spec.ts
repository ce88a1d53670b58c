import { expect, test } from '@playwright/test'
import { signIn } from './helpers'

// A candidate with an account opens their pending test from the portal's "My assessments", without the link.
test('the portal lists the pending assessment and opens it in the player', async ({ page }) => {
  await signIn(page, 'candidate@acme.example.com')
  const list = page.getByRole('list', { name: 'My assessments' })
  const item = list.getByRole('listitem').filter({ hasText: 'To do' }).first()
  await expect(item).toContainText('open until')
  await page.screenshot({ path: 'test-results/player-portal.png', fullPage: true })
  await item.getByRole('button', { name: 'Start the test' }).click()
  await expect(page).toHaveURL(/\/test$/)
  await expect(
    page.getByRole('heading', { level: 1, name: /Hi Cameron, welcome to your assessment/ }),
  ).toBeVisible({
    timeout: 20_000,
  })
})
