import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, type Schemas } from '../api/client'
import { unwrap } from '../lib/problem'

export type PanelFeedback = Schemas['PanelFeedback']
export type Step2Summary = Schemas['Step2Summary']
export type Step3Summary = Schemas['Step3Summary']
export type Offer = Schemas['OfferRead']
export type AwaitingFinal = Schemas['AwaitingFinal']
export type Override = Schemas['Override']

const path = (id: string) => ({ params: { path: { application_id: id } } })

export function useFeedback(applicationId: string) {
  return useQuery({
    queryKey: ['decisions', applicationId, 'feedback'],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/applications/{application_id}/feedback', path(applicationId))),
  })
}

export function useStep2(applicationId: string) {
  return useQuery({
    queryKey: ['decisions', applicationId, 'step2'],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/applications/{application_id}/step2', path(applicationId))),
  })
}

export function useStep3(applicationId: string) {
  return useQuery({
    queryKey: ['decisions', applicationId, 'step3'],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/applications/{application_id}/step3', path(applicationId))),
  })
}

export function useAwaitingFinal() {
  return useQuery({
    queryKey: ['decisions', 'awaiting-final'],
    queryFn: async () => unwrap(await api.GET('/api/v1/decisions/awaiting-final')),
  })
}

/** Every decision moves the application, so its board, drawer and the decision summaries all refresh. */
function useDecisionMutation<V>(run: (vars: V) => Promise<unknown>) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: run,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['decisions'] })
      void qc.invalidateQueries({ queryKey: ['applications'] })
    },
  })
}

export function useDecideStep2() {
  return useDecisionMutation(
    async ({ id, decision, reason }: { id: string; decision: 'advance' | 'reject'; reason?: string }) =>
      unwrap(
        await api.POST('/api/v1/applications/{application_id}/step2/decision', {
          ...path(id),
          body: { decision, reason: reason || null },
        }),
      ),
  )
}

export function useSubmitStep3() {
  return useDecisionMutation(async ({ id, body }: { id: string; body: Schemas['ExecutiveInput'] }) =>
    unwrap(await api.POST('/api/v1/applications/{application_id}/step3', { ...path(id), body })),
  )
}

export function useCreateOffer() {
  return useDecisionMutation(async ({ id, body }: { id: string; body: Schemas['OfferCreate'] }) =>
    unwrap(await api.POST('/api/v1/applications/{application_id}/offer', { ...path(id), body })),
  )
}

export function useOfferStatus() {
  return useDecisionMutation(
    async ({ id, status }: { id: string; status: Schemas['OfferStatus']['status'] }) =>
      unwrap(
        await api.POST('/api/v1/offers/{offer_id}/status', {
          params: { path: { offer_id: id } },
          body: { status },
        }),
      ),
  )
}

export function useOverride() {
  return useDecisionMutation(async ({ id, body }: { id: string; body: Override }) =>
    unwrap(await api.POST('/api/v1/applications/{application_id}/override', { ...path(id), body })),
  )
}
