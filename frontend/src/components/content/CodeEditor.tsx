import { cpp } from '@codemirror/lang-cpp'
import { java } from '@codemirror/lang-java'
import { javascript } from '@codemirror/lang-javascript'
import { python } from '@codemirror/lang-python'
import { defaultHighlightStyle, HighlightStyle, syntaxHighlighting } from '@codemirror/language'
import type { Extension } from '@codemirror/state'
import { EditorView } from '@codemirror/view'
import CodeMirror from '@uiw/react-codemirror'

// A language's `codemirror_mode` (data in the languages table) → the CodeMirror extension that highlights it.
const MODES: Record<string, () => Extension> = {
  python: () => python(),
  javascript: () => javascript(),
  java: () => java(),
  cpp: () => cpp(),
}

// CodeMirror's default colours, with the three below WCAG AA contrast on white (4.5:1) darkened: escapes and
// regular expressions (#e40), invalid code (#f00) and definitions (#085).
const DARKER: Record<string, string> = { '#e40': '#a40', '#f00': '#b00', '#085': '#075' }
const readableHighlighting = syntaxHighlighting(
  HighlightStyle.define(
    defaultHighlightStyle.specs.map((spec) =>
      typeof spec.color === 'string' && DARKER[spec.color] ? { ...spec, color: DARKER[spec.color] } : spec,
    ),
  ),
)

export interface CodeEditorProps {
  value: string
  onChange?: (value: string) => void
  /** The language's CodeMirror mode; an unknown mode edits plain text. */
  mode: string
  /** Accessible name: the editor is a textbox for screen readers. */
  label: string
  readOnly?: boolean
  minHeight?: string
  maxHeight?: string
  /** More extensions (e.g. a paste listener). Keep the array stable (useMemo): a new one reconfigures. */
  extensions?: Extension[]
}

/** CodeMirror with the languages we run. Import it lazily (`React.lazy(() => import(...))`): it is the heaviest
 * library of the app and only the pages that show code need it. */
export default function CodeEditor({
  value,
  onChange,
  mode,
  label,
  readOnly = false,
  minHeight = '240px',
  maxHeight = '520px',
  extensions = [],
}: CodeEditorProps) {
  const language = MODES[mode]
  // The editable element is what a screen reader lands on: it carries the name, and it is in the tab order
  // even when read-only, so a keyboard user can reach and scroll long code.
  const named = EditorView.contentAttributes.of({ 'aria-label': label, tabindex: '0' })
  return (
    <CodeMirror
      value={value}
      onChange={onChange}
      readOnly={readOnly}
      editable={!readOnly}
      extensions={[...(language ? [language()] : []), readableHighlighting, named, ...extensions]}
      minHeight={minHeight}
      maxHeight={maxHeight}
      basicSetup={{ foldGutter: false, highlightActiveLine: !readOnly }}
      // Tab moves focus on (keyboard users must be able to leave the editor); indent with the editor's
      // own shortcuts (Ctrl-] / Ctrl-[).
      indentWithTab={false}
    />
  )
}
