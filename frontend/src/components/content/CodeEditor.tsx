import { cpp } from '@codemirror/lang-cpp'
import { java } from '@codemirror/lang-java'
import { javascript } from '@codemirror/lang-javascript'
import { python } from '@codemirror/lang-python'
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
  // The editable element is what a screen reader lands on: it carries the name.
  const named = EditorView.contentAttributes.of({ 'aria-label': label })
  return (
    <CodeMirror
      value={value}
      onChange={onChange}
      readOnly={readOnly}
      editable={!readOnly}
      extensions={[...(language ? [language()] : []), named, ...extensions]}
      minHeight={minHeight}
      maxHeight={maxHeight}
      basicSetup={{ foldGutter: false, highlightActiveLine: !readOnly }}
      // Tab moves focus on (keyboard users must be able to leave the editor); indent with the editor's
      // own shortcuts (Ctrl-] / Ctrl-[).
      indentWithTab={false}
    />
  )
}
