/**
 * CodeMirror 6 as a React component (loaded on first use through CodeView): highlighted, read-only views for responses and an editable one for
 * request bodies. Kept small on purpose; very large texts never come here (see RawTextView).
 */
import { useEffect, useEffectEvent, useLayoutEffect, useRef, useState } from "react";
import { Compartment, EditorState, type Extension } from "@codemirror/state";
import { EditorView, keymap, lineNumbers, highlightActiveLine, drawSelection } from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { bracketMatching, foldGutter, foldKeymap, syntaxHighlighting, defaultHighlightStyle } from "@codemirror/language";
import { searchKeymap, highlightSelectionMatches } from "@codemirror/search";
import { xml } from "@codemirror/lang-xml";
import { json } from "@codemirror/lang-json";
import { monoFamily } from "../theme";

import type { CodeLanguage, CodeViewProps } from "./CodeView";

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

export function CodeEditor({ value, language, editable = false, onChange, height = "320px", ariaLabel, testId }: CodeViewProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const [languageSlot] = useState(() => new Compartment());
  const [editableSlot] = useState(() => new Compartment());

  // Typing reports to whichever onChange the latest render was given.
  const changed = useEffectEvent((text: string) => onChange?.(text));

  // The editor is built once, from the props of that moment; the effects below follow later changes.
  const create = useEffectEvent(
    (parent: HTMLElement) =>
      new EditorView({
        parent,
        state: EditorState.create({
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
            languageSlot.of(languageExtension(language)),
            editableSlot.of([EditorView.editable.of(editable), EditorState.readOnly.of(!editable)]),
            EditorView.updateListener.of((update) => {
              if (update.docChanged) changed(update.state.doc.toString());
            }),
          ],
        }),
      }),
  );

  useEffect(() => {
    if (!host.current) return undefined;
    const editor = create(host.current);
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
  }, []);

  // A new text goes in before the frame is drawn, so a new result never shows its header beside the
  // previous body for a frame.
  useLayoutEffect(() => {
    const current = view.current;
    if (!current) return;
    const existing = current.state.doc.toString();
    if (existing !== value) {
      current.dispatch({ changes: { from: 0, to: existing.length, insert: value } });
    }
  }, [value]);

  useEffect(() => {
    view.current?.dispatch({ effects: languageSlot.reconfigure(languageExtension(language)) });
  }, [language, languageSlot]);

  useEffect(() => {
    view.current?.dispatch({
      effects: editableSlot.reconfigure([EditorView.editable.of(editable), EditorState.readOnly.of(!editable)]),
    });
  }, [editable, editableSlot]);

  return <div ref={host} data-testid={testId} style={{ height, overflow: "auto" }} className="code-view" />;
}
