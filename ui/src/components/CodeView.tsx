/**
 * A highlighted code view or editor. CodeMirror is loaded the first time one is drawn, not with the
 * first screen; until it is, the text shows as it is, in the same box.
 */
import { lazy, Suspense } from "react";

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

const CodeEditor = lazy(() => import("./CodeEditor").then((module) => ({ default: module.CodeEditor })));

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
