import { expect, test } from '@playwright/test'
import { DEMO_PASSWORD, signIn, signOut } from './helpers'

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
)

test('a requisition is published, applied to from the job board, moved on the board and seen by the candidate', async ({
  page,
  browser,
  request,
}) => {
  const title = `Staff Platform Engineer ${Date.now()}`

  // The recruiter creates and publishes the requisition.
  await signIn(page, 'recruiter@acme.example.com')
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Requisitions' })
    .click()
  await page.getByRole('link', { name: 'New requisition' }).click()
  await page.getByRole('textbox', { name: 'Title' }).fill(title)
  await page.getByRole('textbox', { name: 'Location' }).fill('Remote')
  await page
    .getByRole('textbox', { name: 'Description' })
    .fill('Run the platform our robots depend on: Kubernetes, PostgreSQL, Python.')
  await page.getByRole('button', { name: 'Create draft' }).click()
  await expect(page.getByRole('heading', { name: title })).toBeVisible()
  await page.getByRole('button', { name: 'Publish' }).click()
  await expect(page.getByText('open', { exact: true })).toBeVisible()

  // A candidate finds it on the public job board and applies with a PDF, on a phone-sized screen.
  const candidate = await browser.newPage({ viewport: { width: 390, height: 844 } })
  await candidate.goto('/jobs/acme')
  await candidate.getByLabel('Search jobs').fill('kubernetes platform')
  await candidate.getByRole('link', { name: new RegExp(title) }).click()
  await expect(candidate.getByRole('heading', { name: title })).toBeVisible()
  await candidate.getByRole('textbox', { name: 'First name' }).fill('Cameron')
  await candidate.getByRole('textbox', { name: 'Last name' }).fill('Candidate')
  await candidate.getByRole('textbox', { name: 'Email' }).fill('candidate@acme.example.com')
  await candidate
    .locator('input[type=file]')
    .setInputFiles({ name: 'cameron-cv.pdf', mimeType: 'application/pdf', buffer: PDF })
  await candidate.getByRole('button', { name: 'Submit application' }).click()
  await expect(candidate.getByRole('status')).toContainText('Check your email')

  // The address already has an account: the application joins it only through the emailed link, read here in
  // the local mail catcher (admins see full bodies there).
  const login = await request.post('/api/v1/auth/login', {
    data: { email: 'admin@acme.example.com', password: DEMO_PASSWORD },
  })
  const auth = { Authorization: `Bearer ${(await login.json()).access_token}` }
  const outbox = await request.get('/api/v1/email/outbox?q=candidate%40acme.example.com', { headers: auth })
  const mail = (await outbox.json()).items.find(
    (m: { template_key: string }) => m.template_key === 'application_confirm',
  )
  const detail = await (await request.get(`/api/v1/email/outbox/${mail.id}`, { headers: auth })).json()
  const link = (detail.body_text as string).match(/\/confirm-application\?token=[\w-]+/)![0]
  await candidate.goto(link)
  await expect(candidate.getByRole('status')).toContainText('the application is now in your account')

  // The recruiter sees the card on the board, drags it to the next stage and adds a private note.
  await page.reload()
  const first = page.getByTestId('stage-1')
  const second = page.getByTestId('stage-2')
  const card = first.getByTestId('board-card').filter({ hasText: 'Cameron Candidate' })
  await expect(card).toBeVisible()
  await card.dragTo(second)
  await expect(second.getByTestId('board-card').filter({ hasText: 'Cameron Candidate' })).toBeVisible()
  await second.getByText('Cameron Candidate').click()
  const drawer = page.getByRole('dialog')
  await drawer
    .getByRole('textbox', { name: 'New note' })
    .fill('Strong platform background; ask about on-call.')
  await drawer.getByText('Private', { exact: true }).click()
  await drawer.getByRole('button', { name: 'Add note' }).click()
  await expect(drawer.getByText('Strong platform background; ask about on-call.')).toBeVisible()
  await expect(drawer.locator('.mantine-Badge-root', { hasText: 'Private' })).toBeVisible()
  await page.keyboard.press('Escape')
  await signOut(page)

  // The candidate signs in and sees the new stage in the portal.
  await signIn(candidate, 'candidate@acme.example.com')
  const mine = candidate.getByRole('listitem').filter({ hasText: title })
  await expect(mine.getByText('Step 2 — Technical interview')).toBeVisible()
  // The dashboard lists the applications without claiming there are none.
  await expect(candidate.getByText(/Nothing here yet/)).toHaveCount(0)
})
