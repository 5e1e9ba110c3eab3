/**
 * One request the receiver answered, in full: for a refused one why, with the signature's diagnosis
 * parameter by parameter; the query (credentials already masked by the core), the body, and the
 * answer sent back.
 */
import { useEffect, useState } from "react";
import { Alert, Descriptions, Drawer, Skeleton, Space, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import * as api from "../../api/commands";
import type { Receipt } from "../../api/bindings/Receipt";
import { CodeView } from "../../components/CodeView";
import { DiagnosisView } from "../../components/DiagnosisView";
import { errorText } from "../../components/errors";
import { detectLanguage, formatBytes, formatPlatformTime, PLATFORM_ZONE } from "../../components/format";
import { KindTag } from "./TemplatesCard";
import { ReceiptVerdictTag, refusalText } from "./verdict";

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {title}
      </Typography.Title>
      {children}
    </div>
  );
}

export function ReceiptDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { t } = useTranslation();
  // What was loaded, for which request.
  const [loaded, setLoaded] = useState<{ id: number; receipt: Receipt | null; error: string | null } | null>(null);
  const current = loaded && loaded.id === id ? loaded : null;

  useEffect(() => {
    if (id === null) return;
    let live = true;
    api.receiverGet(id).then(
      (receipt) => live && setLoaded({ id, receipt, error: null }),
      (raw: unknown) => live && setLoaded({ id, receipt: null, error: errorText(raw) }),
    );
    return () => {
      live = false;
    };
  }, [id]);

  const request = current?.receipt?.request;
  const why = request ? refusalText(request.verdict, t) : null;
  const signed = request?.verdict.kind === "sign_mismatch" ? request.verdict.string_to_sign_masked : null;
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      width="min(920px, 92vw)"
      title={request ? <span className="mono">{request.api_method ?? request.path}</span> : t("receiver.detail")}
    >
      {current?.error && <Alert type="error" showIcon message={current.error} />}
      {!current && <Skeleton active />}
      {request && (
        <Space direction="vertical" size={16} style={{ width: "100%" }} data-testid="receiver-detail">
          <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
            <Descriptions.Item label={`${t("receiver.time")} (${PLATFORM_ZONE})`}>{formatPlatformTime(request.received_at)}</Descriptions.Item>
            <Descriptions.Item label={t("receiver.verdictTitle")}>
              <ReceiptVerdictTag verdict={request.verdict.kind} />
            </Descriptions.Item>
            <Descriptions.Item label={t("receiver.received")}>
              <span className="mono">
                {request.http_method} {request.path}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t("receiver.size")}>
              {formatBytes(request.body_bytes)}
              {request.content_type && <Typography.Text type="secondary" className="mono">{` · ${request.content_type}`}</Typography.Text>}
            </Descriptions.Item>
          </Descriptions>
          {why && <Alert type="error" showIcon message={why} data-testid="receiver-why" />}
          {request.diagnosis ? (
            <Section title={t("receiver.diagnosis")}>
              <DiagnosisView diagnosis={request.diagnosis} />
            </Section>
          ) : (
            signed && (
              <Section title={t("receiver.signedString")}>
                <pre className="pre-block mono wrap">{signed}</pre>
              </Section>
            )
          )}
          <Section title={t("receiver.query")}>
            <Table<{ key: string; name: string; value: string }>
              size="small"
              pagination={false}
              dataSource={request.query.map(([name, value], index) => ({ key: `${index}`, name, value }))}
              data-testid="receiver-query"
              columns={[
                { title: t("receiver.param"), dataIndex: "name", width: 200, render: (name: string) => <span className="mono">{name}</span> },
                { title: t("receiver.value"), dataIndex: "value", render: (value: string) => <span className="mono wrap">{value}</span> },
              ]}
            />
          </Section>
          <Section title={t("receiver.body")}>
            {request.body ? (
              <CodeView value={request.body} language={detectLanguage(request.content_type, request.body)} height="220px" ariaLabel={t("receiver.body")} testId="receiver-body" />
            ) : (
              <Typography.Text type="secondary">{t("receiver.noBody")}</Typography.Text>
            )}
          </Section>
          <Section title={t("receiver.answer")}>
            <Space wrap style={{ marginBottom: 8 }}>
              <Typography.Text className="mono">HTTP {request.answer.status}</Typography.Text>
              <Typography.Text type="secondary">{request.answer.format.toUpperCase()}</Typography.Text>
              {request.answer.template ? <KindTag kind={request.answer.template} /> : <Typography.Text type="secondary">{t("receiver.noTemplate")}</Typography.Text>}
              <Typography.Text type="secondary">{`${request.answer.took_ms} ms`}</Typography.Text>
            </Space>
            <CodeView
              value={request.answer.body}
              language={detectLanguage(null, request.answer.body)}
              height="180px"
              ariaLabel={t("receiver.answer")}
              testId="receiver-answer"
            />
          </Section>
        </Space>
      )}
    </Drawer>
  );
}
