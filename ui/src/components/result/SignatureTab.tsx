/**
 * How the sign was made, step by step: which parameters were kept (in signing order) or dropped and why,
 * the exact string digested with the secret masked, the digest — and a sign pasted from another system
 * diagnosed against this call: what reproduces it, and the two strings to sign side by side.
 */
import { useState } from "react";
import { Alert, Button, Descriptions, Input, Space, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { SignExplanation } from "../../api/bindings/SignExplanation";
import type { Diagnosis } from "../../api/bindings/Diagnosis";
import type { WdtSignExplanation } from "../../api/bindings/WdtSignExplanation";
import { Term } from "../Term";
import { errorText } from "../errors";
import { DiagnosisView } from "../DiagnosisView";

interface Row {
  key: string;
  order: number | null;
  name: string;
  value: string | null;
  reason: string | null;
}

/** How the 旺店通 wdt_sign was made: the parts in order, what was left out and why, the string and digest. */
function WdtSection({ wdt }: { wdt: WdtSignExplanation }) {
  const { t } = useTranslation();
  return (
    <div data-testid="wdt-signature">
      <Typography.Title level={5}>
        <Term name="wdtSign" />
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t("signature.wdtHelp")}</Typography.Paragraph>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t("signature.wdtParts")}>
          <span className="mono">{wdt.kept.map((part) => part.key).join(", ") || "—"}</span>
        </Descriptions.Item>
        {wdt.dropped.length > 0 && (
          <Descriptions.Item label={t("signature.dropped")}>
            <Space direction="vertical" size={2}>
              {wdt.dropped.map((dropped) => (
                <span key={dropped.key}>
                  <span className="mono">{dropped.key}</span>: {t(`signature.wdtReason.${dropped.reason}`)}
                </span>
              ))}
            </Space>
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t("signature.stringToSign")}>
          <span className="mono">{wdt.string_to_sign_masked}</span>
        </Descriptions.Item>
        <Descriptions.Item label={<Term name="digest" />}>
          <Typography.Text className="mono" copyable>
            {wdt.digest}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
    </div>
  );
}

export function SignatureTab({
  signature,
  wdtSignature,
  compare,
}: {
  signature: SignExplanation;
  wdtSignature: WdtSignExplanation | null;
  compare: ((pasted: string) => Promise<Diagnosis>) | null;
}) {
  const { t } = useTranslation();
  const [pasted, setPasted] = useState("");
  const [comparison, setComparison] = useState<Diagnosis | null>(null);
  const [compareError, setCompareError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const rows: Row[] = [
    ...signature.kept.map(([name, value], index) => ({ key: `k-${name}-${index}`, order: index + 1, name, value, reason: null })),
    ...signature.dropped.map((dropped, index) => ({
      key: `d-${dropped.key}-${index}`,
      order: null,
      name: dropped.key,
      value: null,
      reason: dropped.reason,
    })),
  ];

  const runCompare = async () => {
    if (!compare) return;
    setBusy(true);
    setCompareError(null);
    try {
      setComparison(await compare(pasted));
    } catch (raw) {
      setComparison(null);
      setCompareError(errorText(raw));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }} data-testid="signature">
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={<Term name="signMethod" />}>{signature.method}</Descriptions.Item>
        <Descriptions.Item label={t("signature.bodyAppended")}>
          {signature.body_appended ? t("common.yes") : t("common.no")}
        </Descriptions.Item>
        <Descriptions.Item label={<Term name="digest" />}>
          <Typography.Text className="mono" copyable data-testid="signature-digest">
            {signature.digest}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>

      <div data-testid="sign-params">
        <Typography.Title level={5}>{t("signature.params")}</Typography.Title>
        <Typography.Paragraph type="secondary">{t("signature.paramsHelp")}</Typography.Paragraph>
        <Table<Row>
          size="small"
          pagination={false}
          dataSource={rows}
          rowKey="key"
          scroll={{ x: true }}
          columns={[
            { title: t("signature.order"), dataIndex: "order", width: 70, render: (order: number | null) => order ?? "—" },
            { title: t("signature.name"), dataIndex: "name", render: (name: string) => <span className="mono">{name}</span> },
            {
              title: t("signature.value"),
              dataIndex: "value",
              render: (value: string | null) => (value === null ? "—" : <span className="mono">{value}</span>),
            },
            {
              title: t("signature.status"),
              dataIndex: "reason",
              render: (reason: string | null) =>
                reason === null ? (
                  <Tag color="green">{t("signature.kept")}</Tag>
                ) : (
                  <Space size={4} wrap>
                    <Tag>{t("signature.dropped")}</Tag>
                    <span>{t(`signature.reason.${reason}`)}</span>
                  </Space>
                ),
            },
          ]}
        />
      </div>

      <div>
        <Typography.Title level={5}>{t("signature.stringToSign")}</Typography.Title>
        <Typography.Paragraph type="secondary">{t("signature.stringHelp")}</Typography.Paragraph>
        <pre className="pre-block mono" data-testid="string-to-sign">
          {signature.string_to_sign_masked}
        </pre>
      </div>

      {wdtSignature && <WdtSection wdt={wdtSignature} />}

      {compare && (
        <div>
          <Typography.Title level={5}>{t("signature.compareTitle")}</Typography.Title>
          <Typography.Paragraph type="secondary">{t("signature.compareHelp")}</Typography.Paragraph>
          <Space.Compact style={{ width: "100%", maxWidth: 560 }}>
            <Input
              aria-label={t("signature.pasteLabel")}
              placeholder={t("signature.pastePlaceholder")}
              className="mono"
              value={pasted}
              onChange={(e) => setPasted(e.target.value)}
              onPressEnter={() => void runCompare()}
            />
            <Button type="primary" loading={busy} disabled={pasted.trim() === ""} onClick={() => void runCompare()} data-testid="sign-compare">
              {t("signature.compare")}
            </Button>
          </Space.Compact>
          <div style={{ marginTop: 12 }}>
            {compareError && <Alert type="error" showIcon message={compareError} />}
            {comparison && <DiagnosisView diagnosis={comparison} />}
          </div>
        </div>
      )}
    </Space>
  );
}
