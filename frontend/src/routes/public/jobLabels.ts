import type { PublicJob } from '../../queries/jobBoard'

const TYPES: Record<string, string> = {
  full_time: 'Full-time',
  part_time: 'Part-time',
  contract: 'Contract',
  internship: 'Internship',
  temporary: 'Temporary',
}

export function jobMeta(job: PublicJob): string {
  const salary =
    job.salary_min != null && job.salary_max != null
      ? `${Number(job.salary_min).toLocaleString()}–${Number(job.salary_max).toLocaleString()} ${job.currency}`
      : null
  return [job.department, job.location, TYPES[job.employment_type], salary].filter(Boolean).join(' · ')
}
