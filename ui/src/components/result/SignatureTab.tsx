/**
 * How the sign was made, step by step: which parameters were kept (in signing order) or dropped and why,
 * the exact string digested with the secret masked, the digest — and a check of a sign pasted from
 * another system against ours, with the first difference and the likely cause.
 */
import { useState } from "react";
import { Alert, Button, Descriptions, Input, Space, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { SignExplanation } from "../../api/bindings/SignExplanation";
import type { SignComparison } from "../../api/bindings/SignComparison";
import type { SignHint } from "../../api/bindings/SignHint";
import type { WdtSignExplanation } from "../../api/bindings/WdtSignExplanation";
import { Term } from "../Term";
import { errorText } from "../errors";

interface Row {
  key: string;
  order: number | null;
  name: string;
  value: string | null;
  reason: string | null;
}

function hintText(hint: SignHint, t: (key: string, values?: Record<string, string>) => string): string {
  switch (hint.kind) {
    case "other_method":
      return t("signature.hint.otherMethod", { method: hint.method });
    case "blank_params_kept":
      return t("signature.hint.blankParamsKept", { method: hint.method, keys: hint.keys.join(", ") });
    case "body_left_out":
      return t("signature.hint.bodyLeftOut", { method: hint.method });
    default:
      return "";
  }
}

/** The two signs one above the other with the first differing character marked. */
function Difference({ comparison }: { comparison: SignComparison }) {
  const { t } = useTranslation();
  const at = comparison.first_difference ?? 0;
  const mark = (text: string) => (
    <span className="mono">
      {text.slice(0, at)}
      <span className="diff-mark">{text.slice(at, at + 1) || "∅"}</span>
      {text.slice(at + 1)}
    </span>
  );
  return (
    <Descriptions size="small" column={1} bordered>
      <Descriptions.Item label={t("signature.computed")}>{mark(comparison.computed)}</Descriptions.Item>
      <Descriptions.Item label={t("signature.pasted")}>{mark(comparison.pasted)}</Descriptions.Item>
      <Descriptions.Item label={t("signature.firstDifference")}>
        {t("signature.position", { position: String(at + 1) })}
      </Descriptions.Item>
    </Descriptions>
  );
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
  compare: ((pasted: string) => Promise<SignComparison>) | null;
}) {
  const { t } = useTranslation();
  const [pasted, setPasted] = useState("");
  const [comparison, setComparison] = useState<SignComparison | null>(null);
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
            {comparison?.matches && <Alert type="success" showIcon message={t("signature.match")} data-testid="sign-match" />}
            {comparison && !comparison.matches && (
              <Space direction="vertical" style={{ width: "100%" }} data-testid="sign-mismatch">
                <Alert type="error" showIcon message={t("signature.mismatch")} />
                <Difference comparison={comparison} />
                {comparison.hints.length > 0 ? (
                  <Alert
                    type="info"
                    showIcon
                    message={t("signature.likelyCause")}
                    description={
                      <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                        {comparison.hints.map((hint, index) => (
                          <li key={index}>{hintText(hint, t)}</li>
                        ))}
                      </ul>
                    }
                  />
                ) : (
                  <Alert type="info" showIcon message={t("signature.noHint")} />
                )}
              </Space>
            )}
          </div>
        </div>
      )}
    </Space>
  );
}
