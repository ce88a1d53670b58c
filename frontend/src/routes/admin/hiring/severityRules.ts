import type { Schemas } from '../../../api/client'
import { ApiError } from '../../../lib/problem'

export type SeverityRule = Schemas['SeverityRule']
export type EventType = SeverityRule['type']
export type Measure = SeverityRule['measure']
export const LEVELS = ['medium', 'high', 'critical'] as const

/** A rule as the form edits it: an empty threshold means "never reaches this severity". */
export interface RuleValues {
  type: EventType
  measure: Measure
  medium: number | string
  high: number | string
  critical: number | string
}

export const EVENT_LABELS: Record<EventType, string> = {
  focus_lost: 'Left the test window',
  fullscreen_exit: 'Left full screen',
  copy: 'Copied text',
  cut: 'Cut text',
  paste: 'Pasted text',
  code_paste: 'Pasted code',
  right_click: 'Right click',
  devtools_suspected: 'Developer tools suspected',
  second_screen: 'Second screen',
  webcam_snapshot: 'Webcam snapshot',
  camera_unavailable: 'Camera unavailable',
  page_reload: 'Reloaded the page',
  resumed: 'Resumed the test',
  network_offline: 'Went offline',
  ip_changed: 'IP address changed',
  user_agent_changed: 'Browser changed',
  sign_in_failed: 'Failed sign-in',
  no_face: 'No face on camera',
  multiple_faces: 'Several faces on camera',
  code_similarity: 'Code similar to another candidate’s',
}

export const MEASURE_LABELS: Record<Measure, string> = {
  count: 'Occurrences',
  seconds: 'Duration (seconds)',
  length: 'Length (characters)',
  score: 'Similarity (%)',
}

export function toValues(rule: SeverityRule): RuleValues {
  const v = (n: number | null | undefined) => (n == null ? '' : n)
  return {
    type: rule.type,
    measure: rule.measure,
    medium: v(rule.medium),
    high: v(rule.high),
    critical: v(rule.critical),
  }
}

export function toRule(values: RuleValues): SeverityRule {
  const n = (x: number | string) => (x === '' || x == null ? null : Number(x))
  return {
    type: values.type,
    measure: values.measure,
    medium: n(values.medium),
    high: n(values.high),
    critical: n(values.critical),
  }
}

/** A rule in words, e.g. "Pasted text: medium from 300 characters, high from 1000". */
export function describeRule(values: RuleValues): string {
  const unit: Record<Measure, (x: string) => string> = {
    count: (x) => `${x} time${x === '1' ? '' : 's'}`,
    seconds: (x) => `${x} s`,
    length: (x) => `${x} characters`,
    score: (x) => `${x}%`,
  }
  const parts = LEVELS.filter((l) => values[l] !== '' && values[l] != null).map(
    (l) => `${l} from ${unit[values.measure](String(values[l]))}`,
  )
  return `${EVENT_LABELS[values.type]}: ${parts.length ? parts.join(', ') : 'always low'}`
}

const RULE_FIELD = /^(?:body\.)?proctoring\.severity_rules\.(\d+)(?:\.(\w+))?/

/** The API's errors inside one rule, keyed by the form path of that rule's field (`…severity_rules.2.high`), so
 * they show on the row rather than on the list as a whole. An error on a rule as a whole lands on its type. */
export function ruleFieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {}
  for (const e of error instanceof ApiError ? (error.problem.errors ?? []) : []) {
    const m = RULE_FIELD.exec(e.field)
    if (!m) continue
    const field = m[2] && ['type', 'measure', ...LEVELS].includes(m[2]) ? m[2] : 'type'
    out[`proctoring.severity_rules.${m[1]}.${field}`] ??= e.message
  }
  return out
}
