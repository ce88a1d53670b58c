import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, type Schemas } from '../api/client'
import { unwrap } from '../lib/problem'

export type Language = Schemas['LanguageRead']

export function useLanguages() {
  return useQuery({
    queryKey: ['languages'],
    queryFn: async () => unwrap(await api.GET('/api/v1/languages')),
  })
}

export function useSetLanguageEnabled() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: async ({ key, enabled }: { key: string; enabled: boolean }) =>
      unwrap(
        await api.PATCH('/api/v1/languages/{language_key}', {
          params: { path: { language_key: key } },
          body: { enabled },
        }),
      ),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['languages'] }),
  })
}
