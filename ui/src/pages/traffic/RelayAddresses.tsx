/**
 * What to give the customer's system while the relay runs: one address per router path, each with a
 * copy button, where the requests go on, and whose AppSecret checks their signs. Compact, so the live
 * list stays in sight below it.
 */
import { Alert, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { TrafficStatus } from "../../api/bindings/TrafficStatus";
import { CopyButton } from "../../components/CopyButton";

export function RelayAddresses({ status }: { status: TrafficStatus }) {
  const { t } = useTranslation();

  return (
    <Space direction="vertical" size={8} style={{ width: "100%" }} data-testid="traffic-addresses">
      <Typography.Text>
        {t("traffic.forwarding", { upstream: status.upstream_url ?? "—" })}{" "}
        {status.diagnosing_with ? t("traffic.diagnosingWith", { name: status.diagnosing_with }) : t("traffic.notDiagnosing")}
      </Typography.Text>
      {status.lan_warning && <Alert type="warning" showIcon message={status.lan_warning} data-testid="traffic-lan-warning" />}
      <Typography.Text type="secondary">{t("traffic.giveAddresses")}</Typography.Text>
      <div style={{ display: "grid", gridTemplateColumns: "max-content minmax(0, max-content) max-content", columnGap: 12, rowGap: 2, alignItems: "center" }}>
        {status.urls.map((row) => (
          <div key={row.path} style={{ display: "contents" }}>
            <Typography.Text type="secondary" className="mono">
              {row.path}
            </Typography.Text>
            <Typography.Text className="mono" ellipsis={{ tooltip: row.url }}>
              {row.url}
            </Typography.Text>
            <CopyButton text={row.url} label={t("traffic.copyUrl", { path: row.path })} done={t("traffic.copied")} />
          </div>
        ))}
      </div>
    </Space>
  );
}
