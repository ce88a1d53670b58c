import { useMutation, useQuery } from '@tanstack/react-query'
import { api, type Schemas } from '../api/client'
import { unwrap } from '../lib/problem'

export type PortalAssessment = Schemas['PortalAssessment']

/** The signed-in candidate's assessments: open invitations with their expiry, finished ones with any result. */
export function useMyAssessments() {
  return useQuery({
    queryKey: ['portal', 'assessments'],
    queryFn: async () => unwrap(await api.GET('/api/v1/me/assessments')),
  })
}

/** A player token for one of one's own invitations: the portal opens the test without the emailed link. */
export function useOpenAssessment() {
  return useMutation({
    mutationFn: async (invitationId: string) =>
      unwrap(
        await api.POST('/api/v1/me/assessments/{invitation_id}/player-token', {
          params: { path: { invitation_id: invitationId } },
        }),
      ),
  })
}
