// Language keys (from the API) → names a candidate recognises. The platform's language table is staff-only; an
// unknown key shows as is.
const LANGUAGES: Record<string, string> = {
  python3: 'Python 3',
  python: 'Python',
  javascript: 'JavaScript (Node.js)',
  typescript: 'TypeScript',
  java: 'Java',
  cpp: 'C++',
  c: 'C',
  go: 'Go',
}

export const languageLabel = (key: string) => LANGUAGES[key] ?? key
