import { expect, test, type Page } from '@playwright/test'
import { DEMO_PASSWORD, signIn, signOut } from './helpers'

// The question bank as an admin builds it: a bank, a coding question verified in the real sandbox, search, and an
// import (a good JSON file, a bad one with its report, and an XLSX export imported back).
// Verify waits for the sandbox, behind the demo seed's own verifications on a fresh server (Java compiles).
test.describe.configure({ timeout: 300_000 })

const SHOTS = process.env.E2E_SHOTS // a folder: screenshots of the screens, for looking at them

async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true })
}

const stamp = Date.now().toString(36)
const BANK = `E2E bank ${stamp}`
const TITLE = `Sum of two numbers ${stamp}`

test('an admin creates a bank, writes a coding question, verifies it, finds it, and imports questions', async ({
  page,
}) => {
  await signIn(page, 'admin@acme.example.com')
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Question banks' })
    .click()
  await expect(page.getByRole('heading', { level: 1, name: 'Question bank' })).toBeVisible()
  await shot(page, 'questions-list')

  // A bank.
  await page.getByRole('tab', { name: 'Banks' }).click()
  await page.getByRole('button', { name: 'New bank' }).click()
  const dialog = page.getByRole('dialog', { name: 'New question bank' })
  await dialog.getByLabel('Name').fill(BANK)
  await dialog.getByLabel('Tags').fill('step1_technical')
  await dialog.getByLabel('Tags').press('Enter')
  await dialog.getByLabel('Name').click() // closes the tag suggestions
  await dialog.getByRole('button', { name: 'Create bank' }).click()
  await expect(page.getByText(`Bank ${BANK} created`)).toBeVisible()
  await expect(page.getByRole('table', { name: 'Question banks' }).getByText(BANK)).toBeVisible()
  await shot(page, 'banks')

  // A coding question: stdin-style, Python.
  await page.getByRole('tab', { name: 'Questions' }).click()
  await page.getByRole('button', { name: 'New question' }).click()
  await page.getByRole('combobox', { name: 'Type', exact: true }).click()
  await page.getByRole('option', { name: 'Coding' }).click()
  await page.getByRole('combobox', { name: 'Bank', exact: true }).click()
  await page.getByRole('option', { name: BANK }).click()
  await page.getByLabel('Title').fill(TITLE)
  await page
    .getByRole('textbox', { name: 'Question', exact: true })
    .fill('Read **two integers** and print their sum.')
  await expect(page.getByRole('region', { name: 'Question preview' }).locator('strong')).toHaveText(
    'two integers',
  )
  await page.getByRole('combobox', { name: 'Add a language' }).click()
  await page.getByRole('option', { name: 'Python 3' }).click()
  const reference = page.getByRole('textbox', { name: 'Reference solution (Python 3)' })
  await reference.click()
  await page.keyboard.insertText('a, b = map(int, input().split())\nprint(a + b)\n')
  await expect(reference).toContainText('print(a + b)')
  await page.getByLabel('Case 1 input').fill('2 3')
  await page.getByLabel('Case 1 expected output').fill('5')
  await page.getByRole('button', { name: 'Add a case' }).click()
  await page.getByLabel('Case 2 input').fill('-4 10')
  await page.getByLabel('Case 2 expected output').fill('6')
  await shot(page, 'editor-coding')
  await page.getByRole('button', { name: 'Create question' }).click()
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible({ timeout: 30_000 })

  // Not verified: it cannot be enabled, and the page says why.
  await expect(page.getByRole('switch', { name: 'Enabled' })).toBeDisabled()
  await expect(page.getByText(/can be enabled once Verify has passed/)).toBeVisible()

  // Verify runs the reference in the sandbox; the verdicts arrive live.
  const panel = page.getByTestId('verify-panel')
  await panel.getByRole('button', { name: 'Verify' }).click()
  await expect(panel.getByText('2 / 2 passed')).toBeVisible({ timeout: 200_000 })
  await expect(panel.getByRole('table').getByText('Accepted')).toHaveCount(2)
  await expect(page.getByText('Every reference solution passed')).toBeVisible({ timeout: 20_000 })
  await expect(page.getByRole('switch', { name: 'Enabled' })).toBeEnabled()
  await shot(page, 'editor-verified')
  await page.getByRole('switch', { name: 'Enabled' }).click({ force: true })
  await expect(page.getByText('Enabled', { exact: true }).first()).toBeVisible()

  // Search finds it across banks.
  await page.getByRole('link', { name: 'Back to the bank' }).click()
  await page.getByRole('textbox', { name: 'Search questions' }).fill(`sum ${stamp}`)
  const table = page.getByRole('table', { name: 'Questions' })
  await expect(table.getByText(TITLE)).toBeVisible()
  await expect(table.getByRole('row')).toHaveCount(2) // the header and our question

  // Import: a valid JSON file, checked first, then imported.
  await page.getByRole('tab', { name: 'Import & export' }).click()
  const good = {
    format: 'interviewflow.questions',
    version: 1,
    banks: [
      {
        name: BANK,
        questions: [
          {
            type: 'mcq_single',
            title: `Imported capital ${stamp}`,
            body: 'What is the capital of France?',
            options: [
              { text: 'Paris', correct: true },
              { text: 'Lyon', correct: false },
            ],
          },
        ],
      },
    ],
  }
  await page
    .locator('input[type=file]')
    .first()
    .setInputFiles({
      name: 'good.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(good)),
    })
  await page.getByRole('button', { name: 'Check the file' }).click()
  await expect(page.getByText('The file is valid')).toBeVisible()
  await page.getByRole('button', { name: 'Import 1 question' }).click()
  await expect(page.getByRole('status').getByText('1 question created')).toBeVisible()
  await expect(
    page.getByRole('table', { name: 'Backups' }).getByText('Before an import').first(),
  ).toBeVisible()

  // A bad file: the report names the row and the field, and nothing is imported.
  await page.getByRole('button', { name: 'Import another file' }).click()
  const bad = structuredClone(good)
  bad.banks[0].questions[0].title = `Never imported ${stamp}`
  bad.banks[0].questions[0].options = [{ text: 'Paris', correct: false }] as never
  await page
    .locator('input[type=file]')
    .first()
    .setInputFiles({
      name: 'bad.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(bad)),
    })
  await page.getByRole('button', { name: 'Check the file' }).click()
  const report = page.getByRole('table', { name: 'Import problems' })
  await expect(report).toBeVisible()
  await expect(report.getByText('options').first()).toBeVisible()
  await shot(page, 'import-report')

  // XLSX: the bank exported through the API, one of its questions switched off, then the spreadsheet imported
  // back, which switches it on again (each row carries the question's id) and leaves the other one as it was.
  const login = await page.request.post('/api/v1/auth/login', {
    data: { email: 'admin@acme.example.com', password: DEMO_PASSWORD },
  })
  const auth = { Authorization: `Bearer ${(await login.json()).access_token}` }
  const api = async (path: string) => {
    const response = await page.request.get(path, { headers: auth })
    expect(response.ok()).toBeTruthy()
    return response
  }
  const bankId = (await (await api(`/api/v1/question-banks?q=${encodeURIComponent(BANK)}&limit=5`)).json())
    .items[0].id
  const xlsx = await api(`/api/v1/question-banks/export?format=xlsx&bank_id=${bankId}`)
  const imported = (
    await (await api(`/api/v1/questions?q=${encodeURIComponent(`Imported capital ${stamp}`)}&limit=5`)).json()
  ).items[0]
  const off = await page.request.patch(`/api/v1/questions/${imported.id}`, {
    headers: auth,
    data: { enabled: false },
  })
  expect(off.ok()).toBeTruthy()
  await page.getByRole('button', { name: 'Choose another file' }).click()
  await page
    .locator('input[type=file]')
    .first()
    .setInputFiles({
      name: 'bank.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await xlsx.body(),
    })
  await page.getByRole('button', { name: 'Check the file' }).click()
  await expect(page.getByText('The file is valid')).toBeVisible()
  await expect(page.getByText('0 questions to create, 1 to update, 1 unchanged')).toBeVisible()
  await page.getByRole('button', { name: 'Import 1 question' }).click()
  await expect(page.getByRole('status').getByText('0 questions created, 1 updated')).toBeVisible()
  const after = await (await api(`/api/v1/questions/${imported.id}`)).json()
  expect(after.enabled).toBe(true)

  await page.getByRole('tab', { name: 'Questions' }).click()
  await page.getByRole('textbox', { name: 'Search questions' }).fill(stamp)
  await expect(
    page.getByRole('table', { name: 'Questions' }).getByText(`Imported capital ${stamp}`),
  ).toBeVisible()
  await expect(page.getByText(`Never imported ${stamp}`)).toHaveCount(0)

  // A recruiter reads the banks without writing them: reports a problem with a question and suggests a new one.
  await signOut(page)
  await signIn(page, 'recruiter@acme.example.com')
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Question banks' })
    .click()
  await expect(page.getByRole('button', { name: 'New question' })).toHaveCount(0)
  await page.getByRole('textbox', { name: 'Search questions' }).fill(stamp)
  await page.getByRole('table', { name: 'Questions' }).getByText(`Imported capital ${stamp}`).click()
  await expect(page.getByRole('heading', { level: 1, name: `Imported capital ${stamp}` })).toBeVisible()
  await page.getByRole('button', { name: 'Report an issue' }).click()
  const reportDialog = page.getByRole('dialog', { name: /Report an issue/ })
  await reportDialog.getByRole('button', { name: 'Send report' }).click()
  await expect(reportDialog.getByText('Choose what is wrong.')).toBeVisible()
  await reportDialog.getByRole('combobox', { name: 'What is wrong' }).click()
  await page.getByRole('option', { name: 'Unclear or ambiguous' }).click()
  await reportDialog.getByLabel('Details').fill('Which France: the country or the town in Texas?')
  await reportDialog.getByRole('button', { name: 'Send report' }).click()
  await expect(page.getByText('Thank you: the admins will look at your report')).toBeVisible()

  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Question banks' })
    .click()
  await page.getByRole('button', { name: 'Suggest a question' }).click()
  const suggestion = page.getByRole('dialog', { name: 'Suggest a question' })
  await suggestion.getByLabel('Title').fill(`Suggested capital ${stamp}`)
  await suggestion
    .getByRole('textbox', { name: 'Question', exact: true })
    .fill('What is the capital of Italy?')
  await suggestion.getByLabel('Option 1', { exact: true }).fill('Rome')
  await suggestion.getByLabel('Option 2', { exact: true }).fill('Rome')
  await suggestion.getByRole('button', { name: 'Send suggestion' }).click()
  // The server's rule (two options with the same text) lands next to the option it names.
  await expect(suggestion.getByText('Same text as option 1.')).toBeVisible()
  await suggestion.getByLabel('Option 2', { exact: true }).fill('Milan')
  await suggestion.getByRole('button', { name: 'Send suggestion' }).click()
  await expect(page.getByText('Thank you: your suggestion is with the admins')).toBeVisible()
  await shot(page, 'suggestion-sent')
})
