/**
 * A session error in plain words: the core's localised message, and under it the fix for that code.
 */
import { Alert } from "antd";
import { useTranslation } from "react-i18next";
import { sessionHint } from "./sessionErrors";

export interface SessionProblem {
  code: string;
  message: string;
}

export function SessionError({ problem }: { problem: SessionProblem }) {
  const { t } = useTranslation();
  const hint = sessionHint(problem.code, t);
  return (
    <Alert
      type="error"
      showIcon
      data-testid="session-error"
      message={problem.message}
      description={hint ? <span data-testid="session-hint">{hint}</span> : undefined}
    />
  );
}
