/**
 * The exchanges as they pass, newest first, in the shared virtualised live table: time in the
 * platform's zone, HTTP method, API, the sign's verdict, the answer's code, latency and sizes.
 */
import { Tag, Tooltip, Typography } from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { ExchangeSummary } from "../../api/bindings/ExchangeSummary";
import type { RelayVerdict } from "../../api/bindings/RelayVerdict";
import { formatBytes } from "../../components/format";
import type { ColumnsType } from "antd/es/table";
import { LiveTable } from "../../components/live/LiveTable";
import type { TrafficFeed } from "./useTrafficFeed";

const VERDICT_COLOR: Record<RelayVerdict, string> = { valid: "success", invalid: "error", unchecked: "default" };

export function VerdictTag({ verdict }: { verdict: RelayVerdict }) {
  const { t } = useTranslation();
  return <Tag color={VERDICT_COLOR[verdict]}>{t(`traffic.verdict.${verdict}`)}</Tag>;
}

/** The answer in a few characters: the HTTP status and the platform's code, or that none came. */
function answerText(row: ExchangeSummary, noAnswer: string): string {
  if (row.status === null) return noAnswer;
  const code = [row.platform_code, row.platform_sub_code].filter((part) => part !== null).join(" / ");
  return code === "" ? String(row.status) : `${row.status} · ${code}`;
}

export function LiveList({ feed, onOpen }: { feed: TrafficFeed; onOpen: (id: number) => void }) {
  const { t } = useTranslation();
  // Made once per language: the table then redraws only the rows a batch adds, not every row in sight.
  const columns = useMemo<ColumnsType<ExchangeSummary>>(
    () => [
      { title: t("traffic.verdictTitle"), dataIndex: "verdict", width: 100, render: (verdict: RelayVerdict) => <VerdictTag verdict={verdict} /> },
      {
        title: t("traffic.code"),
        key: "code",
        width: 130,
        render: (_: unknown, row) => <Typography.Text type={row.failed ? "danger" : undefined}>{answerText(row, t("traffic.noAnswer"))}</Typography.Text>,
      },
      { title: t("traffic.latency"), dataIndex: "latency_ms", width: 80, align: "right", render: (ms: number) => `${ms} ms` },
      {
        title: t("traffic.size"),
        key: "size",
        width: 100,
        align: "right",
        render: (_: unknown, row) => (
          <Tooltip title={t("traffic.sizes", { request: formatBytes(row.request_bytes), response: formatBytes(row.response_bytes) })}>
            <span>{formatBytes(row.response_bytes)}</span>
          </Tooltip>
        ),
      },
    ],
    [t],
  );
  return (
    <LiveTable<ExchangeSummary>
      feed={feed}
      ns="traffic"
      timeKey="at"
      minWidth={720}
      onOpen={onOpen}
      columns={columns}
    />
  );
}
