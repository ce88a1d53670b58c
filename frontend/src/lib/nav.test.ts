import { describe, expect, it } from 'vitest'
import { navFor } from './nav'

describe('navFor', () => {
  it('shows admin pages only to holders of their permission', () => {
    const labels = navFor(['notifications:read', 'users:write', 'audit:read']).map((i) => i.label)
    expect(labels).toEqual(['Dashboard', 'Notifications', 'Users', 'Audit log'])
  })

  it('gives an interviewer only the basics', () => {
    expect(navFor(['interviews:read_assigned', 'notifications:read']).map((i) => i.to)).toEqual([
      '/',
      '/notifications',
    ])
  })
})
