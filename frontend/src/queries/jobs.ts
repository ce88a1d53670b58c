import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, type Schemas } from '../api/client'
import { unwrap } from '../lib/problem'

export type Job = Schemas['JobRead']
export type JobStatus = Job['status']

export function useJobs(status: JobStatus | undefined, cursor: string | undefined) {
  return useQuery({
    queryKey: ['jobs', status, cursor],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/jobs', { params: { query: { status, cursor, limit: 50 } } })),
    placeholderData: keepPreviousData,
    refetchInterval: 5000,
  })
}

export function useRetryJob() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: async (id: number) =>
      unwrap(await api.POST('/api/v1/jobs/{job_id}/retry', { params: { path: { job_id: id } } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['jobs'] }),
  })
}
