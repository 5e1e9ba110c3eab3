/**
 * The exchanges as they pass, newest first, in a virtualised table of fixed height (smooth with
 * thousands of rows): time in the platform's zone, HTTP method, API, the sign's verdict, the answer's
 * code, latency and sizes. Filter, failures only, pause and clear sit above it; a row opens the detail.
 */
import { Button, Checkbox, Input, Popconfirm, Space, Table, Tag, Tooltip, Typography } from "antd";
import { DeleteOutlined, PauseOutlined, CaretRightOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { ExchangeSummary } from "../../api/bindings/ExchangeSummary";
import type { RelayVerdict } from "../../api/bindings/RelayVerdict";
import { formatBytes, formatPlatformTime, PLATFORM_ZONE } from "../../components/format";
import type { TrafficFeed } from "./useTrafficFeed";

/** The table's body height: fixed, so only the rows in sight are rendered. */
const LIST_HEIGHT = 340;

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
  return (
    <Space direction="vertical" size={12} style={{ width: "100%" }}>
      <div style={{ display: "flex", flexWrap: "wrap", gap: 12, alignItems: "center" }}>
        <Input.Search
          allowClear
          value={feed.text}
          onChange={(e) => feed.setText(e.target.value)}
          placeholder={t("traffic.filterPlaceholder")}
          aria-label={t("traffic.filter")}
          style={{ width: 280 }}
          data-testid="traffic-filter"
        />
        <Checkbox checked={feed.onlyFailures} onChange={(e) => feed.setOnlyFailures(e.target.checked)} data-testid="traffic-failures">
          {t("traffic.onlyFailures")}
        </Checkbox>
        <span style={{ flex: 1 }} />
        {feed.paused && feed.missed > 0 && (
          <Typography.Text type="warning" data-testid="traffic-missed">
            {t("traffic.missed", { n: feed.missed })}
          </Typography.Text>
        )}
        <Button
          icon={feed.paused ? <CaretRightOutlined /> : <PauseOutlined />}
          onClick={() => feed.setPaused(!feed.paused)}
          data-testid="traffic-pause"
        >
          {feed.paused ? t("traffic.resume") : t("traffic.pause")}
        </Button>
        <Popconfirm title={t("traffic.clearConfirm")} onConfirm={() => void feed.clear()} okText={t("traffic.clear")} cancelText={t("common.cancel")}>
          <Button danger icon={<DeleteOutlined />} data-testid="traffic-clear">
            {t("traffic.clear")}
          </Button>
        </Popconfirm>
      </div>
      <Table<ExchangeSummary>
        virtual
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={feed.items}
        scroll={{ x: 720, y: LIST_HEIGHT }}
        locale={{ emptyText: t("traffic.empty") }}
        onRow={(row) => ({ onClick: () => onOpen(row.id), style: { cursor: "pointer" } })}
        data-testid="traffic-list"
        columns={[
          {
            title: `${t("traffic.time")} (${PLATFORM_ZONE})`,
            dataIndex: "at",
            width: 120,
            // The time of day; the date on hover (a joint test runs within a day).
            render: (at: string) => (
              <Tooltip title={formatPlatformTime(at)}>
                <span className="mono">{formatPlatformTime(at).slice(11)}</span>
              </Tooltip>
            ),
          },
          { title: t("traffic.httpMethod"), dataIndex: "http_method", width: 70 },
          {
            title: t("traffic.api"),
            dataIndex: "api",
            ellipsis: true,
            render: (api: string | null, row) => (
              <Tooltip title={row.path}>
                <span className="mono" data-testid={`traffic-row-${row.id}`}>
                  {api ?? row.path}
                </span>
              </Tooltip>
            ),
          },
          { title: t("traffic.verdictTitle"), dataIndex: "verdict", width: 100, render: (verdict: RelayVerdict) => <VerdictTag verdict={verdict} /> },
          {
            title: t("traffic.code"),
            key: "code",
            width: 130,
            render: (_: unknown, row) => (
              <Typography.Text type={row.failed ? "danger" : undefined}>{answerText(row, t("traffic.noAnswer"))}</Typography.Text>
            ),
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
        ]}
      />
    </Space>
  );
}
