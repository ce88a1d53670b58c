import { expect, test } from '@playwright/test'
import { signIn, signOut } from './helpers'

const ROLES = [
  { email: 'superadmin@interviewflow.dev', heading: 'Platform', nav: 'Organizations' },
  { email: 'admin@acme.example.com', heading: 'Admin dashboard', nav: 'Users' },
  { email: 'recruiter@acme.example.com', heading: 'Recruiter dashboard', nav: 'Outbox' },
  { email: 'hm@acme.example.com', heading: 'Hiring manager dashboard', nav: 'Notifications' },
  { email: 'interviewer@acme.example.com', heading: 'Interviewer dashboard', nav: 'Notifications' },
  { email: 'cto@acme.example.com', heading: 'Executive dashboard', nav: 'Notifications' },
  { email: 'candidate@acme.example.com', heading: 'My applications', nav: 'Notifications' },
]

for (const role of ROLES) {
  test(`${role.email} lands on their shell`, async ({ page }) => {
    await signIn(page, role.email)
    await expect(page.getByRole('heading', { level: 1, name: role.heading })).toBeVisible()
    const nav = page.getByRole('navigation', { name: 'Main navigation' })
    await expect(nav.getByRole('link', { name: role.nav })).toBeVisible()
    if (role.email !== 'admin@acme.example.com')
      await expect(nav.getByRole('link', { name: 'Audit log' })).toHaveCount(0)
  })
}

test('a wrong password shows a clear message', async ({ page }) => {
  await signIn(page, 'recruiter@acme.example.com', 'not-the-password-1')
  await expect(page.getByRole('alert')).toHaveText('Invalid email or password.')
  await expect(page).toHaveURL(/\/login/)
})

test('a reload keeps the session, and signing out ends it', async ({ page }) => {
  await signIn(page, 'hm@acme.example.com')
  await expect(page.getByRole('heading', { name: 'Hiring manager dashboard' })).toBeVisible()
  await page.reload()
  await expect(page.getByRole('heading', { name: 'Hiring manager dashboard' })).toBeVisible()
  await signOut(page)
  await page.goto('/notifications')
  await expect(page).toHaveURL(/\/login\?next=%2Fnotifications/)
})

test('pages outside a role say so instead of breaking', async ({ page }) => {
  await signIn(page, 'interviewer@acme.example.com')
  await expect(page.getByRole('heading', { name: 'Interviewer dashboard' })).toBeVisible()
  await page.goto('/admin/users')
  await expect(page.getByRole('heading', { name: 'Not available to you' })).toBeVisible()
})
