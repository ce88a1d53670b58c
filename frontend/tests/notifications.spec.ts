import { expect, test } from '@playwright/test'
import { DEMO_PASSWORD, signIn } from './helpers'

test('a live notification arrives without reloading', async ({ page, request }) => {
  await signIn(page, 'recruiter@acme.example.com')
  await expect(page.getByRole('heading', { name: 'Recruiter dashboard' })).toBeVisible()
  const bell = page.getByTestId('notification-bell')
  await expect(bell).toHaveAttribute('aria-label', /unread/) // the seeded inbox has loaded
  const before = Number((await bell.getAttribute('aria-label'))?.match(/(\d+) unread/)?.[1] ?? 0)

  // Another user (the admin) triggers it through the API.
  const login = await request.post('/api/v1/auth/login', {
    data: { email: 'admin@acme.example.com', password: DEMO_PASSWORD },
  })
  const { access_token } = await login.json()
  const title = `Pipeline review at 3 pm ${Date.now()}`
  const sent = await request.post('/api/v1/notifications/broadcast', {
    headers: { Authorization: `Bearer ${access_token}` },
    data: {
      title,
      message: 'Bring your shortlist.',
      priority: 'urgent',
      roles: ['recruiter'],
      action_url: '/notifications',
    },
  })
  expect(sent.ok()).toBeTruthy()

  await expect(page.getByRole('alert').filter({ hasText: title })).toBeVisible() // the toast
  await expect(bell).toHaveAttribute('aria-label', `Notifications, ${before + 1} unread`)
  await bell.click()
  await page.getByRole('button', { name: new RegExp(title) }).click()
  await expect(page.getByRole('heading', { name: 'Notifications' })).toBeVisible()
  await expect(bell).toHaveAttribute(
    'aria-label',
    before ? `Notifications, ${before} unread` : 'Notifications',
  )
})

test('the inbox filters, marks read and archives', async ({ page }) => {
  await signIn(page, 'interviewer@acme.example.com')
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Notifications' })
    .click()
  const list = page.getByRole('list', { name: 'Notifications' })
  await expect(list.getByText('Scorecard due for Grace Hopper')).toBeVisible()
  await page.getByRole('button', { name: /Archive “Scorecard due/ }).click()
  await expect(list.getByText('Scorecard due for Grace Hopper')).toHaveCount(0)
  await page.getByRole('button', { name: /Mark “Interview with Grace Hopper” read/ }).click()
  await expect(page.getByRole('button', { name: /Mark “Interview with Grace Hopper” unread/ })).toBeVisible()
  await page.getByText('Archive', { exact: true }).click()
  await expect(list.getByText('Scorecard due for Grace Hopper')).toBeVisible()
})
