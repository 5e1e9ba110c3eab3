/**
 * A highlighted code view or editor. CodeMirror is loaded the first time one is drawn (or ahead of it,
 * through `preloadCodeView`), not with the first screen; until it is, the text shows as it is, in the
 * same box.
 */
import { Suspense } from "react";
import { preloadable } from "./preloadable";

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

const codeEditor = preloadable(() => import("./CodeEditor").then((module) => module.CodeEditor));
const CodeEditor = codeEditor.Component;

/** Loads CodeMirror ahead of a view that is about to need it (the console's first result). */
export const preloadCodeView = codeEditor.preload;

export function CodeView(props: CodeViewProps) {
  const fallback = (
    <pre className="pre-block mono code-loading" style={{ height: props.height ?? "320px", overflow: "auto", margin: 0 }} aria-label={props.ariaLabel}>
      {props.value}
    </pre>
  );
  return (
    <Suspense fallback={fallback}>
      <CodeEditor {...props} />
    </Suspense>
  );
}
