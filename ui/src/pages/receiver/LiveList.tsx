/**
 * The requests the receiver answered, newest first, in the shared virtualised live table: time in
 * the platform's zone, HTTP method, API, the verdict and its causes, the status answered, the
 * template that answered, how long it took and the request's size.
 */
import { Space, Tag, Tooltip, Typography } from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { CauseId } from "../../api/bindings/CauseId";
import type { ReceiptSummary } from "../../api/bindings/ReceiptSummary";
import type { TemplateKind } from "../../api/bindings/TemplateKind";
import { formatBytes } from "../../components/format";
import type { ColumnsType } from "antd/es/table";
import { LiveTable } from "../../components/live/LiveTable";
import { KindTag } from "./TemplatesCard";
import type { ReceiverFeed } from "./useReceiverFeed";
import { ReceiptVerdictTag } from "./verdict";

export function LiveList({ feed, onOpen }: { feed: ReceiverFeed; onOpen: (id: number) => void }) {
  const { t } = useTranslation();
  // Made once per language: the table then redraws only the rows a batch adds, not every row in sight.
  const columns = useMemo<ColumnsType<ReceiptSummary>>(
    () => [
      { title: t("receiver.verdictTitle"), dataIndex: "verdict", width: 100, render: (verdict: string) => <ReceiptVerdictTag verdict={verdict} /> },
      {
        title: t("receiver.causes"),
        dataIndex: "causes",
        width: 120,
        ellipsis: true,
        render: (causes: CauseId[]) =>
          causes.length === 0 ? (
            "—"
          ) : (
            <Tooltip title={causes.join(", ")}>
              <Space size={2}>
                {causes.map((cause) => (
                  <Typography.Text key={cause} code>
                    {cause}
                  </Typography.Text>
                ))}
              </Space>
            </Tooltip>
          ),
      },
      {
        title: t("receiver.status"),
        dataIndex: "status",
        width: 70,
        render: (status: number, row) => <Typography.Text type={row.failed ? "danger" : undefined}>{status}</Typography.Text>,
      },
      { title: t("receiver.template"), dataIndex: "template", width: 110, render: (kind: TemplateKind | null) => (kind ? <KindTag kind={kind} /> : <Tag>{t("receiver.noTemplate")}</Tag>) },
      { title: t("receiver.took"), dataIndex: "took_ms", width: 80, align: "right", render: (ms: number) => `${ms} ms` },
      { title: t("receiver.size"), dataIndex: "body_bytes", width: 90, align: "right", render: (bytes: number) => formatBytes(bytes) },
    ],
    [t],
  );
  return (
    <LiveTable<ReceiptSummary>
      feed={feed}
      ns="receiver"
      timeKey="at"
      minWidth={920}
      onOpen={onOpen}
      columns={columns}
    />
  );
}
