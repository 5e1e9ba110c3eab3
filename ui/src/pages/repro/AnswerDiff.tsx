/**
 * The answer a replay got beside the one recorded in the bundle: line by line, removed lines (the
 * recorded answer's) and added ones (the new answer's) marked; fields that change on every call
 * (request id, time) are named and do not count as a difference.
 */
import { Alert, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { ResponseDiff } from "../../api/bindings/ResponseDiff";

export function AnswerDiff({ diff }: { diff: ResponseDiff }) {
  const { t } = useTranslation();
  const volatile = diff.volatile.join(", ");
  return (
    <div data-testid="answer-diff">
      <Alert
        type={diff.same ? "success" : "warning"}
        showIcon
        style={{ marginBottom: 8 }}
        message={diff.same ? t("repro.diffSame") : t("repro.diffDiffers")}
        description={volatile === "" ? undefined : t("repro.diffVolatile", { fields: volatile })}
      />
      {!diff.same && (
        <pre className="pre-block mono answer-diff">
          {diff.lines.map((line, index) => (
            <div key={index} className={`diff-${line.kind}`}>
              {line.kind === "removed" ? "- " : line.kind === "added" ? "+ " : "  "}
              {line.text}
            </div>
          ))}
        </pre>
      )}
      {!diff.same && <Typography.Text type="secondary">{t("repro.diffLegend")}</Typography.Text>}
    </div>
  );
}
