/**
 * CodeMirror 6 as a React component: highlighted, read-only views for responses and an editable one for
 * request bodies. Kept small on purpose; very large texts never come here (see RawTextView).
 */
import { useEffect, useRef } from "react";
import { Compartment, EditorState, type Extension } from "@codemirror/state";
import { EditorView, keymap, lineNumbers, highlightActiveLine, drawSelection } from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { bracketMatching, foldGutter, foldKeymap, syntaxHighlighting, defaultHighlightStyle } from "@codemirror/language";
import { searchKeymap, highlightSelectionMatches } from "@codemirror/search";
import { xml } from "@codemirror/lang-xml";
import { json } from "@codemirror/lang-json";
import { monoFamily } from "../theme";

export type CodeLanguage = "xml" | "json" | "text";

export interface CodeViewProps {
  value: string;
  language: CodeLanguage;
  editable?: boolean;
  onChange?: (value: string) => void;
  /** CSS height of the editor box; content scrolls inside. */
  height?: string;
  ariaLabel: string;
  testId?: string;
}

function languageExtension(language: CodeLanguage): Extension {
  if (language === "xml") return xml();
  if (language === "json") return json();
  return [];
}

const baseTheme = EditorView.theme({
  "&": { fontSize: "13px", border: "1px solid #e3e6eb", borderRadius: "6px", backgroundColor: "#fbfcfd" },
  "&.cm-focused": { outline: "2px solid rgba(61, 111, 182, 0.25)" },
  ".cm-scroller": { fontFamily: monoFamily, lineHeight: "1.55" },
  ".cm-gutters": { backgroundColor: "#f4f6f9", borderRight: "1px solid #e3e6eb", color: "#8a94a6" },
});

export function CodeView({ value, language, editable = false, onChange, height = "320px", ariaLabel, testId }: CodeViewProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const languageSlot = useRef(new Compartment());
  const editableSlot = useRef(new Compartment());
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useEffect(() => {
    if (!host.current) return undefined;
    const state = EditorState.create({
      doc: value,
      extensions: [
        lineNumbers(),
        foldGutter(),
        drawSelection(),
        highlightActiveLine(),
        highlightSelectionMatches(),
        bracketMatching(),
        history(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        keymap.of([...defaultKeymap, ...historyKeymap, ...foldKeymap, ...searchKeymap, indentWithTab]),
        EditorView.lineWrapping,
        baseTheme,
        EditorView.contentAttributes.of({ "aria-label": ariaLabel }),
        languageSlot.current.of(languageExtension(language)),
        editableSlot.current.of([EditorView.editable.of(editable), EditorState.readOnly.of(!editable)]),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) onChangeRef.current?.(update.state.doc.toString());
        }),
      ],
    });
    view.current = new EditorView({ state, parent: host.current });
    return () => {
      view.current?.destroy();
      view.current = null;
    };
    // The editor is created once; later prop changes are dispatched below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const current = view.current;
    if (!current) return;
    const existing = current.state.doc.toString();
    if (existing !== value) {
      current.dispatch({ changes: { from: 0, to: existing.length, insert: value } });
    }
  }, [value]);

  useEffect(() => {
    view.current?.dispatch({ effects: languageSlot.current.reconfigure(languageExtension(language)) });
  }, [language]);

  useEffect(() => {
    view.current?.dispatch({
      effects: editableSlot.current.reconfigure([EditorView.editable.of(editable), EditorState.readOnly.of(!editable)]),
    });
  }, [editable]);

  return <div ref={host} data-testid={testId} style={{ height, overflow: "auto" }} className="code-view" />;
}
