/**
 * What went wrong and what to do, in the UI language: the core's errors catalogue for a platform
 * answer, or the transport failure when no answer came back.
 */
import { Alert, Button, Descriptions, Empty, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { ShownCall } from "./model";

/** What the user can do about a failure right here, when the screen offers it. */
export interface RemedyActions {
  /** Opens this profile's AppSecret for editing. */
  editSecret?: () => void;
  /** Turns the automatic wdt_sign back on. */
  computeWdtSign?: () => void;
}

/** A sign the platform refused: code 25, or a sub-code that names the signature. */
function isBadSign(code: string | null | undefined, subCode: string | null | undefined): boolean {
  return code === "25" || (subCode ?? "").includes("invalid-signature");
}

export function ExplanationTab({ call, remedies = {} }: { call: ShownCall; remedies?: RemedyActions }) {
  const { t } = useTranslation();
  const { explanation, result, networkError } = call;

  if (networkError) {
    return (
      <Space direction="vertical" size={16} style={{ width: "100%" }} data-testid="explanation">
        <Alert type="error" showIcon message={<strong>{t("result.noAnswer")}</strong>} description={networkError.message} />
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label="code">
            <span className="mono">{networkError.code}</span>
          </Descriptions.Item>
        </Descriptions>
      </Space>
    );
  }
  if (call.success && !explanation) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("result.noProblem")} />;
  }
  const platformSaid = [result?.message, result?.sub_message].filter(Boolean).join(" — ");
  if (!explanation) {
    return <Alert type="warning" showIcon message={t("result.unknownError")} description={platformSaid} />;
  }

  // A sign the workbench made itself follows the platform's rule: only the secret or the environment
  // can be wrong, so the SDK checklist of the catalogue does not apply.
  const signedHereBadSign = call.signedHere && isBadSign(result?.code, result?.sub_code);
  const wdtSignMissing = (result?.sub_code ?? "").includes("missing-parameter:wdt_sign");

  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }} data-testid="explanation">
      <Alert type={call.success ? "info" : "error"} showIcon message={<strong>{explanation.title}</strong>} />
      {signedHereBadSign && (
        <Alert
          type="warning"
          showIcon
          data-testid="remedy-secret"
          message={t("result.signedHereBadSign")}
          action={
            remedies.editSecret && (
              <Button size="small" onClick={remedies.editSecret}>
                {t("result.editSecret")}
              </Button>
            )
          }
        />
      )}
      {wdtSignMissing && remedies.computeWdtSign && (
        <Alert
          type="warning"
          showIcon
          data-testid="remedy-wdt"
          message={t("result.wdtSignMissing")}
          action={
            <Button size="small" onClick={remedies.computeWdtSign}>
              {t("result.turnOnWdtSign")}
            </Button>
          }
        />
      )}
      <div>
        <Typography.Title level={5}>{t("result.cause")}</Typography.Title>
        <Typography.Paragraph>{explanation.cause}</Typography.Paragraph>
      </div>
      {!signedHereBadSign && (
        <div>
          <Typography.Title level={5}>{t("result.remedy")}</Typography.Title>
          <Typography.Paragraph>{explanation.remedy}</Typography.Paragraph>
        </div>
      )}
      <Descriptions size="small" column={1} bordered>
        {explanation.code && <Descriptions.Item label="code">{explanation.code}</Descriptions.Item>}
        {explanation.sub_code && <Descriptions.Item label="sub_code">{explanation.sub_code}</Descriptions.Item>}
        {explanation.param && <Descriptions.Item label={t("result.param")}>{explanation.param}</Descriptions.Item>}
        {platformSaid !== "" && <Descriptions.Item label={t("result.platformSaid")}>{platformSaid}</Descriptions.Item>}
        <Descriptions.Item label={t("result.retry")}>
          {explanation.retryable ? <Tag color="green">{t("result.retryYes")}</Tag> : <Tag>{t("result.retryNo")}</Tag>}
        </Descriptions.Item>
      </Descriptions>
    </Space>
  );
}
