/**
 * A signature's diagnosis as people read it: valid or not, each cause with its stable id, what
 * happened and what to change in the sender's code, then the two strings to sign side by side,
 * parameter by parameter (the platform's reading next to the sender's), never a diff of two hashes.
 */
import { Alert, Space, Table, Tag, Typography } from "antd";
import { CheckCircleFilled, CloseCircleFilled } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { Diagnosis } from "../api/bindings/Diagnosis";
import type { SignedRow } from "../api/bindings/SignedRow";
import { pick } from "../i18n/pick";
import { useWorkbench } from "../state/workbench";

function differs(row: SignedRow): boolean {
  return row.platform !== row.customer;
}

export function DiagnosisView({ diagnosis }: { diagnosis: Diagnosis }) {
  const { t } = useTranslation();
  const { language } = useWorkbench();
  const clean = diagnosis.valid && diagnosis.causes.length === 0;
  return (
    <Space direction="vertical" size={12} style={{ width: "100%" }} data-testid="diagnosis">
      <div>
        {diagnosis.valid ? (
          <Tag color="success" icon={<CheckCircleFilled />} data-testid="diagnosis-verdict">
            {t("repro.valid")}
          </Tag>
        ) : (
          <Tag color="error" icon={<CloseCircleFilled />} data-testid="diagnosis-verdict">
            {t("repro.invalid")}
          </Tag>
        )}
        <Typography.Text type="secondary">{clean ? t("repro.cleanBody") : diagnosis.valid ? t("repro.validButBody") : t("repro.invalidBody")}</Typography.Text>
      </div>
      {diagnosis.causes.map((cause) => (
        <Alert
          key={`${cause.id}-${cause.detail ?? ""}`}
          type={diagnosis.valid ? "warning" : "error"}
          showIcon
          data-testid={`cause-${cause.id}`}
          message={
            <Space wrap>
              <Typography.Text code>{cause.id}</Typography.Text>
              <span>{pick(cause.explanation, language)}</span>
            </Space>
          }
          description={
            <Space direction="vertical" size={2}>
              {cause.detail && (
                <Typography.Text type="secondary" className="mono">
                  {cause.detail}
                </Typography.Text>
              )}
              <span>
                <Typography.Text strong>{t("repro.fix")}</Typography.Text> {pick(cause.fix, language)}
              </span>
            </Space>
          }
        />
      ))}
      <div className="metrics">
        <div className="metric">
          <div className="metric-label">{t("repro.customerSign")}</div>
          <div className="metric-value mono">{diagnosis.customer_sign ?? "—"}</div>
        </div>
        <div className="metric">
          <div className="metric-label">{t("repro.expectedSign", { method: diagnosis.sign_method })}</div>
          <div className="metric-value mono" data-testid="expected-sign">
            {diagnosis.expected_sign}
          </div>
        </div>
      </div>
      <Table<SignedRow>
        size="small"
        rowKey="key"
        pagination={false}
        scroll={{ x: true }}
        data-testid="signed-rows"
        rowClassName={(row) => (differs(row) ? "row-differs" : "")}
        dataSource={diagnosis.rows}
        columns={[
          { title: t("repro.param"), dataIndex: "key", render: (key: string) => <span className="mono">{key === "(body)" ? t("repro.bodyRow") : key}</span> },
          { title: t("repro.platformReading"), dataIndex: "platform", render: (v: string | null) => <span className="mono wrap">{v ?? t("repro.notSigned")}</span> },
          { title: t("repro.senderReading"), dataIndex: "customer", render: (v: string | null) => <span className="mono wrap">{v ?? t("repro.notSigned")}</span> },
        ]}
      />
      <div>
        <Typography.Text strong>{t("repro.stringToSign")}</Typography.Text>
        <Typography.Paragraph className="mono wrap" copyable style={{ marginBottom: 0 }} data-testid="diagnosis-string">
          {diagnosis.string_to_sign_masked}
        </Typography.Paragraph>
      </div>
    </Space>
  );
}
