/** Data for the Step-1 specs, made through the API as a recruiter (and a candidate through the player's API). */
import { expect, type APIRequestContext } from '@playwright/test'
import { DEMO_PASSWORD } from './helpers'

export type Headers = Record<string, string>

export async function apiToken(request: APIRequestContext, email: string): Promise<Headers> {
  const r = await request.post('/api/v1/auth/login', { data: { email, password: DEMO_PASSWORD } })
  expect(r.ok()).toBeTruthy()
  return { Authorization: `Bearer ${(await r.json()).access_token}` }
}

/** An open requisition (its first stage is an assessment stage) with one candidate's application in it; each spec
 * names its own candidate, so lists shared by the specs never show two of the same name. */
export async function requisitionWithCandidate(
  request: APIRequestContext,
  recruiter: Headers,
  stamp: number,
  firstName: string,
) {
  const req = await (
    await request.post('/api/v1/requisitions', {
      headers: recruiter,
      data: { title: `Data Engineer ${stamp}`, description: 'Pipelines and warehouses.' },
    })
  ).json()
  await request.post(`/api/v1/requisitions/${req.id}/status`, {
    headers: recruiter,
    data: { status: 'open' },
  })
  const email = `${firstName.toLowerCase()}.${stamp}@example.com`
  const candidate = await (
    await request.post('/api/v1/candidates', {
      headers: recruiter,
      data: { first_name: firstName, last_name: 'Tester', email, phone: '+1 555 0101 4321' },
    })
  ).json()
  const app = await request.post('/api/v1/applications', {
    headers: recruiter,
    data: { candidate_id: candidate.id, requisition_id: req.id },
  })
  expect(app.status()).toBe(201)
  return { req, candidate, email, application: await app.json() }
}

/** Ids of bank questions, found by title. */
export async function questionIds(request: APIRequestContext, auth: Headers, titles: string[]) {
  const ids: string[] = []
  for (const title of titles) {
    const r = await (
      await request.get(`/api/v1/questions?q=${encodeURIComponent(title)}&enabled=true&limit=20`, {
        headers: auth,
      })
    ).json()
    ids.push(r.items.find((q: { title: string }) => q.title === title).id)
  }
  return ids
}

/** The candidate signs in with the emailed link, answers (the syllogism right, an essay) and submits. */
export async function takeTest(request: APIRequestContext, admin: Headers, email: string) {
  const outbox = await (
    await request.get(`/api/v1/email/outbox?q=${encodeURIComponent(email)}`, { headers: admin })
  ).json()
  const mail = outbox.items.find((m: { template_key: string }) => m.template_key === 'assessment_invitation')
  const body = (await (await request.get(`/api/v1/email/outbox/${mail.id}`, { headers: admin })).json())
    .body_text
  const linkToken = (body as string).match(/\/t\/([\w-]+)/)![1]
  const signedIn = await (await request.post('/api/v1/player/sign-in', { data: { token: linkToken } })).json()
  const started = await (
    await request.post('/api/v1/player/start', {
      headers: { Authorization: `Bearer ${signedIn.player_token}` },
    })
  ).json()
  const player = { Authorization: `Bearer ${started.player_token}` }
  for (const item of started.overview.session.items as { position: number; type: string }[]) {
    // The syllogism's right option is its first one (`a`): option ids stay when the order is shuffled.
    const answer =
      item.type === 'essay'
        ? {
            type: 'text',
            text: 'Hash the URL, keep a key-value store, cache hot keys, count clicks asynchronously.',
          }
        : { type: 'choice', choice_ids: ['a'] }
    const saved = await request.put(`/api/v1/player/session/answers/${item.position}`, {
      headers: player,
      data: { revision: 1, answer },
    })
    expect(saved.ok()).toBeTruthy()
  }
  const submitted = await request.post('/api/v1/player/session/submit', { headers: player })
  expect(submitted.ok()).toBeTruthy()
  return (await submitted.json()).session_id as string
}
