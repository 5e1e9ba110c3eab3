/**
 * What one tour step did, in plain words first (what was signed, what came back, what it means), with
 * the full result below for anyone who wants to look closer.
 */
import { Alert, Descriptions, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { CallOutcome } from "../../api/bindings/CallOutcome";
import { ResultView } from "../../components/result/ResultView";
import { fromOutcome } from "../../components/result/model";
import { useText } from "../onboarding/shared";
import type { StepResult } from "./tourSteps";

const AVAILABILITY_COLOR = { eligible: "success", not_stated: "default", not_eligible: "error" } as const;

/** The call in one glance: which API, where it went, the sign, and what the platform said. */
export function CallSummary({ outcome, testId }: { outcome: CallOutcome; testId: string }) {
  const { t } = useTranslation();
  const ok = outcome.result?.success === true && outcome.network_error === null;
  const method = outcome.request.query.find(([key]) => key === "method")?.[1] ?? "";
  return (
    <Space direction="vertical" style={{ width: "100%" }} data-testid={testId}>
      <Descriptions column={1} size="small" bordered labelStyle={{ width: 168, whiteSpace: "nowrap" }}>
        <Descriptions.Item label={t("tour.call.api")}>
          <Typography.Text code>{method}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t("tour.call.sentTo")}>
          <Typography.Text code>{outcome.request.endpoint}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t("tour.call.signed")}>
          <Typography.Text code style={{ wordBreak: "break-all" }}>
            {outcome.signature.string_to_sign_masked}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t("tour.call.sign")}>
          <Typography.Text code>{outcome.signature.digest}</Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      {ok ? (
        <Alert type="success" showIcon message={t("tour.call.ok")} />
      ) : (
        <Alert
          type="error"
          showIcon
          message={outcome.explanation?.title ?? outcome.network_error?.message ?? t("tour.call.failed")}
          description={
            outcome.explanation && (
              <Space direction="vertical" size={2}>
                <span>
                  {t("result.cause")}: {outcome.explanation.cause}
                </span>
                <span>
                  {t("result.remedy")}: {outcome.explanation.remedy}
                </span>
              </Space>
            )
          }
        />
      )}
      <ResultView call={fromOutcome(outcome)} compare={null} revealCurl={null} />
    </Space>
  );
}

export function StepResultView({ result }: { result: StepResult }) {
  const { t } = useTranslation();
  const loc = useText();
  switch (result.kind) {
    case "appType":
      return (
        <Space direction="vertical" data-testid="tour-result-appType">
          <Typography.Paragraph>{loc(result.summary)}</Typography.Paragraph>
          {result.candidates.map((c) => (
            <Space key={loc(c.name)}>
              <Typography.Text strong>{loc(c.name)}</Typography.Text>
              <Tag color={AVAILABILITY_COLOR[c.availability]}>{t(`onboarding.availability.${c.availability}`)}</Tag>
            </Space>
          ))}
        </Space>
      );
    case "materials":
      return (
        <Typography.Paragraph data-testid="tour-result-materials">
          {t("tour.result.materials", { case: loc(result.caseTitle), done: result.done, total: result.total })}
        </Typography.Paragraph>
      );
    case "details":
      return (
        <Descriptions column={1} size="small" data-testid="tour-result-details">
          <Descriptions.Item label={t("tour.result.appName")}>{result.appName}</Descriptions.Item>
          <Descriptions.Item label="AppKey">{result.appKey}</Descriptions.Item>
          <Descriptions.Item label={t("tour.result.published")}>{t("common.yes")}</Descriptions.Item>
        </Descriptions>
      );
    case "session":
      return (
        <Typography.Paragraph data-testid="tour-result-session">
          {t("tour.result.session", { nick: result.nick ?? "—", until: result.expiresAt ?? "—" })}
        </Typography.Paragraph>
      );
    case "scenario":
      return (
        <Space direction="vertical" data-testid="tour-result-scenario">
          <Typography.Text strong>{loc(result.name)}</Typography.Text>
          <Typography.Paragraph type="secondary">{loc(result.note)}</Typography.Paragraph>
          {result.call && <Typography.Text>{t("tour.result.nextCall", { method: result.call.method })}</Typography.Text>}
        </Space>
      );
    case "call":
      return <CallSummary outcome={result.outcome} testId="tour-result-call" />;
    case "goLive":
      return (
        <Space direction="vertical" style={{ width: "100%" }} data-testid="tour-result-goLive">
          <Typography.Paragraph>{t("tour.result.goLive")}</Typography.Paragraph>
          <Descriptions column={1} size="small" bordered labelStyle={{ width: 168, whiteSpace: "nowrap" }}>
            <Descriptions.Item label={t("tour.call.sentTo")}>
              <Typography.Text code>{result.preview.request.endpoint}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t("tour.call.signed")}>
              <Typography.Text code style={{ wordBreak: "break-all" }}>
                {result.preview.signature.string_to_sign_masked}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t("tour.call.sign")}>
              <Typography.Text code>{result.preview.signature.digest}</Typography.Text>
            </Descriptions.Item>
          </Descriptions>
        </Space>
      );
  }
}
