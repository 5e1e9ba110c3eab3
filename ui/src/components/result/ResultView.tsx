/**
 * One call's result, the same in the console and in the history drawer: success or failure at a glance,
 * the platform's flag / code / sub_code, latency and size, then the Response, Explanation, Signature and
 * Request tabs. On failure the explanation tab opens first.
 */
import { useState, type ReactNode } from "react";
import { Empty, Space, Tabs, Tag, Typography, Alert } from "antd";
import { CheckCircleFilled, CloseCircleFilled } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { Diagnosis } from "../../api/bindings/Diagnosis";
import { Term } from "../Term";
import { formatBytes } from "../format";
import { ResponseTab } from "./ResponseTab";
import { ExplanationTab, type RemedyActions } from "./ExplanationTab";
import { SignatureTab } from "./SignatureTab";
import { RequestTab } from "./RequestTab";
import { DiagnosisView } from "../DiagnosisView";
import type { ShownCall } from "./model";

export interface ResultViewProps {
  call: ShownCall;
  /** What the screen can do about a failure (edit the secret, turn wdt_sign back on). */
  remedies?: RemedyActions;
  compare: ((pasted: string) => Promise<Diagnosis>) | null;
  revealCurl: (() => Promise<string>) | null;
}

/** One figure of the result: a small label above its value, all of them in one even row. */
function Metric({ label, value }: { label: ReactNode; value: string | null | undefined }) {
  return (
    <div className="metric">
      <div className="metric-label">{label}</div>
      <div className="metric-value">{value && value !== "" ? value : "—"}</div>
    </div>
  );
}

export function ResultView({ call, compare, revealCurl, remedies }: ResultViewProps) {
  const { t } = useTranslation();
  const { result, response, success } = call;
  // Each result opens on its own first tab (the explanation after a failure); a tab the user picks
  // holds for that result only.
  const [picked, setPicked] = useState<{ call: ShownCall; tab: string } | null>(null);
  const tab = picked?.call === call ? picked.tab : success ? "response" : "explanation";

  const headline = call.networkError ? t("result.noAnswer") : (call.explanation?.title ?? null);

  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }} data-testid="result">
      <div className="result-head">
        {success ? (
          <Tag color="success" icon={<CheckCircleFilled />} className="result-tag" data-testid="result-tag">
            {t("result.success")}
          </Tag>
        ) : (
          <Tag color="error" icon={<CloseCircleFilled />} className="result-tag" data-testid="result-tag">
            {t("result.failure")}
          </Tag>
        )}
        {!success && headline && (
          <Typography.Text strong type="danger" data-testid="result-headline">
            {headline}
          </Typography.Text>
        )}
      </div>
      {call.historyError && (
        <Alert type="warning" showIcon data-testid="history-error" message={t("result.notRecorded")} description={call.historyError} />
      )}
      <div className="metrics">
        <Metric label={<Term name="flag" />} value={result?.flag} />
        <Metric label={<Term name="code" />} value={result?.code ?? call.networkError?.code} />
        <Metric label={<Term name="subCode" />} value={result?.sub_code} />
        <Metric label={t("result.httpStatus")} value={response?.status == null ? null : String(response.status)} />
        <Metric label={t("result.latency")} value={response ? `${response.latencyMs} ms` : null} />
        <Metric label={t("result.size")} value={response ? formatBytes(response.sizeBytes) : null} />
      </div>
      <Tabs
        activeKey={tab}
        onChange={(key) => setPicked({ call, tab: key })}
        items={[
          {
            key: "response",
            label: t("result.tabs.response"),
            children: response ? (
              <ResponseTab response={response} historyId={call.historyId} />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("result.noResponse")} />
            ),
          },
          {
            key: "explanation",
            label: success ? t("result.tabs.explanation") : <Typography.Text type="danger">{t("result.tabs.explanation")}</Typography.Text>,
            children: <ExplanationTab call={call} remedies={remedies} />,
          },
          {
            key: "signature",
            label: t("result.tabs.signature"),
            children: call.diagnosis ? (
              <DiagnosisView diagnosis={call.diagnosis} />
            ) : call.signature ? (
              <SignatureTab signature={call.signature} wdtSignature={call.wdtSignature} compare={compare} />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("result.noSignature")} />
            ),
          },
          {
            key: "request",
            label: t("result.tabs.request"),
            children: call.request ? (
              <RequestTab request={call.request} revealCurl={revealCurl} />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("result.noRequest")} />
            ),
          },
        ]}
      />
    </Space>
  );
}
