import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, type Schemas } from '../api/client'
import { unwrap } from '../lib/problem'

export type User = Schemas['UserRead']
export type Role = User['role']
export type UserCreate = Schemas['UserCreate']
export type UserUpdate = Schemas['UserUpdate']
export interface UserListParams {
  limit: number
  cursor?: string
  sort?: string
  q?: string
  /** Any of these roles. */
  role?: Role[]
  is_active?: boolean
}

const keys = { all: ['users'] as const, list: (p: UserListParams) => ['users', 'list', p] as const }

export function useUsers(params: UserListParams) {
  return useQuery({
    queryKey: keys.list(params),
    queryFn: async () => unwrap(await api.GET('/api/v1/users', { params: { query: params } })),
    placeholderData: keepPreviousData,
  })
}

/** Active people holding one of `roles`, for pickers (one request, up to 100 people). */
function usePeople(name: string, roles: Role[]) {
  return useQuery({
    queryKey: ['users', name],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/users', { params: { query: { role: roles, is_active: true, limit: 100 } } }),
      ).items,
    staleTime: 60_000,
  })
}

/** Who can sit on an interview panel. */
export const usePanelists = () =>
  usePeople('panelists', ['interviewer', 'hiring_manager', 'executive', 'recruiter'])

/** Who can own a requisition as its hiring manager. */
export const useHiringManagers = () => usePeople('hiring-managers', ['hiring_manager', 'executive', 'admin'])

function useUserMutation<V>(fn: (v: V) => Promise<unknown>) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keys.all })
      void qc.invalidateQueries({ queryKey: ['audit'] })
    },
  })
}

export const useCreateUser = () =>
  useUserMutation(async (body: UserCreate) => unwrap(await api.POST('/api/v1/users', { body })))

export const useUpdateUser = () =>
  useUserMutation(async ({ id, body }: { id: string; body: UserUpdate }) =>
    unwrap(await api.PATCH('/api/v1/users/{user_id}', { params: { path: { user_id: id } }, body })),
  )

export const useSetActive = () =>
  useUserMutation(async ({ id, active }: { id: string; active: boolean }) =>
    unwrap(
      active
        ? await api.POST('/api/v1/users/{user_id}/reactivate', { params: { path: { user_id: id } } })
        : await api.POST('/api/v1/users/{user_id}/deactivate', { params: { path: { user_id: id } } }),
    ),
  )

export const useResetPassword = () =>
  useUserMutation(async ({ id, password }: { id: string; password: string }) => {
    const r = await api.POST('/api/v1/users/{user_id}/reset-password', {
      params: { path: { user_id: id } },
      body: { password },
    })
    if (!r.response.ok) unwrap(r)
  })
