import { useLanguages } from '../../queries/languages'

/** A language key (`python3`) → its CodeMirror mode (`python`), from the languages table; without it (a reader
 * who cannot list languages), the key without its version digits. */
export function useCodeModes(): (language: string) => string {
  const languages = useLanguages()
  return (language) =>
    languages.data?.items.find((l) => l.key === language)?.codemirror_mode ?? language.replace(/\d+$/, '')
}
