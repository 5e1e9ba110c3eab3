/**
 * Every call made, newest first: full-text search, filters by API, result and date, a detail drawer
 * with the same tabs as the console, re-send, delete and clear. A call opens in the console or on the
 * 复现请求 page, and ticked calls export as one bundle for support. Times are the platform's (GMT+8),
 * with the machine's own on hover. The retention setting is shown here so nobody is surprised when
 * old calls go.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { AutoComplete, Button, Card, DatePicker, Input, Popconfirm, Segmented, Space, Table, Tag, Tooltip, Typography, App } from "antd";
import { BugOutlined, DeleteOutlined, ExperimentOutlined, ExportOutlined, EyeOutlined, ReloadOutlined, RedoOutlined } from "@ant-design/icons";
import type { Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import * as api from "../../api/commands";
import type { HistorySummary } from "../../api/bindings/HistorySummary";
import { useWorkbench } from "../../state/workbench";
import { formatBytes, formatPlatformTime, formatTime, localZone, PLATFORM_ZONE } from "../../components/format";
import { environmentLabel } from "../../components/environments";
import { blankToNull } from "../../components/forms";
import { HistoryDrawer } from "./HistoryDrawer";
import { useShowError } from "../../components/errors";
import { useHistoryActions } from "./useHistoryActions";

type Outcome = "all" | "success" | "failure";
const PAGE_SIZE = 20;
const SEARCH_DELAY_MS = 300;

export function HistoryPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const { info, catalogue, environments, language, page, navigate, historyRequest } = useWorkbench();
  const [text, setText] = useState("");
  const [method, setMethod] = useState("");
  const [outcome, setOutcome] = useState<Outcome>("all");
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [offset, setOffset] = useState(0);
  const [items, setItems] = useState<HistorySummary[]>([]);
  const [total, setTotal] = useState(0);
  // Set when counting stopped at the store's limit: the total reads "1000+".
  const [totalIsLowerBound, setTotalIsLowerBound] = useState(false);
  const [loading, setLoading] = useState(false);
  const [openId, setOpenId] = useState<number | null>(null);
  // Ticked calls, kept across pages of the list; exported oldest first, as they were made.
  const [selected, setSelected] = useState<number[]>([]);
  const selectedIds = [...selected].sort((a, b) => a - b);
  const actions = useHistoryActions();
  const request = useRef(0);

  const load = useCallback(
    async (query: { text: string; method: string; outcome: Outcome; range: typeof range; offset: number }) => {
      const ticket = ++request.current;
      setLoading(true);
      try {
        const result = await api.historyList({
          text: blankToNull(query.text),
          method: blankToNull(query.method),
          success: query.outcome === "all" ? null : query.outcome === "success",
          from: query.range?.[0]?.startOf("day").toISOString() ?? null,
          to: query.range?.[1]?.endOf("day").toISOString() ?? null,
          profile_id: null,
          limit: PAGE_SIZE,
          offset: query.offset,
        });
        // A slower earlier answer must not overwrite a newer one.
        if (ticket !== request.current) return;
        setItems(result.items);
        setTotal(result.total);
        setTotalIsLowerBound(result.total_is_lower_bound ?? false);
      } catch (raw) {
        if (ticket === request.current) showError(raw);
      } finally {
        if (ticket === request.current) setLoading(false);
      }
    },
    [showError],
  );

  // Reload when a filter changes (text after a short pause) and whenever the page is shown again.
  useEffect(() => {
    if (page !== "history") return undefined;
    const timer = setTimeout(() => void load({ text, method, outcome, range, offset }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [page, text, method, outcome, range, offset, load]);

  // Another screen asked for one entry (a tracker step's evidence): open it, once per request.
  const [handledRequest, setHandledRequest] = useState(0);
  if (historyRequest && historyRequest.seq !== handledRequest) {
    setHandledRequest(historyRequest.seq);
    setOpenId(historyRequest.id);
  }

  const refresh = () => void load({ text, method, outcome, range, offset });

  const remove = async (id: number) => {
    try {
      await api.historyDelete(id);
      message.success(t("history.deleted"));
      setSelected((ids) => ids.filter((kept) => kept !== id));
      refresh();
    } catch (raw) {
      showError(raw);
    }
  };

  const resend = async (id: number) => {
    try {
      const sent = await api.historyResend(id);
      message.success(sent.result?.success && !sent.network_error ? t("history.resentOk") : t("history.resentFailed"));
      setOpenId(sent.history_id);
      refresh();
    } catch (raw) {
      showError(raw);
    }
  };

  const clear = async () => {
    try {
      await api.historyClear();
      message.success(t("history.cleared"));
      setSelected([]);
      setOffset(0);
      refresh();
    } catch (raw) {
      showError(raw);
    }
  };

  return (
    <div className="page">
      <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 16 }} wrap>
        <h1 className="page-title" style={{ margin: 0 }}>
          {t("nav.history")}
        </h1>
        <Space wrap>
          <Typography.Text type="secondary" data-testid="retention">
            {t("history.retention", { count: info?.retention ?? 0 })}
          </Typography.Text>
          <Button type="link" onClick={() => navigate("settings")} style={{ paddingInline: 0 }}>
            {t("history.changeRetention")}
          </Button>
        </Space>
      </Space>
      <Card>
        <Space wrap style={{ marginBottom: 16 }} size={[12, 12]}>
          <Input.Search
            allowClear
            aria-label={t("history.search")}
            placeholder={t("history.searchPlaceholder")}
            style={{ width: 280 }}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setOffset(0);
            }}
            onSearch={(value) => void load({ text: value, method, outcome, range, offset: 0 })}
            data-testid="history-search"
          />
          <AutoComplete
            allowClear
            aria-label={t("history.api")}
            placeholder={t("history.apiPlaceholder")}
            style={{ width: 240 }}
            value={method}
            onChange={(value: string | undefined) => {
              setMethod(value ?? "");
              setOffset(0);
            }}
            options={catalogue.map((doc) => ({ value: doc.name }))}
            filterOption={(input, option) => (option?.value ?? "").toLowerCase().includes(input.toLowerCase())}
          />
          <Segmented<Outcome>
            value={outcome}
            onChange={(value) => {
              setOutcome(value);
              setOffset(0);
            }}
            options={[
              { value: "all", label: t("history.all") },
              { value: "success", label: t("result.success") },
              { value: "failure", label: t("result.failure") },
            ]}
          />
          <DatePicker.RangePicker
            aria-label={t("history.dates")}
            value={range}
            onChange={(value) => {
              setRange(value);
              setOffset(0);
            }}
          />
          <Tooltip title={t("common.refresh")}>
            <Button icon={<ReloadOutlined />} onClick={refresh} aria-label={t("common.refresh")} />
          </Tooltip>
          <Popconfirm title={t("history.clearConfirm")} onConfirm={() => void clear()} okText={t("history.clear")} cancelText={t("common.cancel")} okButtonProps={{ danger: true }}>
            <Button danger>{t("history.clear")}</Button>
          </Popconfirm>
        </Space>
        <Space wrap size={[8, 8]} style={{ marginBottom: 12 }}>
          <Tooltip title={t("history.bundleHintSelected")}>
            <Button
              icon={<ExportOutlined />}
              disabled={selectedIds.length === 0}
              loading={actions.isRunning("export", selectedIds)}
              onClick={() => void actions.exportBundle(selectedIds)}
              data-testid="export-selected"
            >
              {t("history.exportSelected", { count: selectedIds.length })}
            </Button>
          </Tooltip>
          {selectedIds.length > 0 ? (
            <Button type="link" onClick={() => setSelected([])} style={{ paddingInline: 0 }}>
              {t("history.clearSelection")}
            </Button>
          ) : (
            <Typography.Text type="secondary">{t("history.selectHint")}</Typography.Text>
          )}
        </Space>
        <Table<HistorySummary>
          size="middle"
          rowKey="id"
          loading={loading}
          dataSource={items}
          scroll={{ x: 1360 }}
          rowSelection={{
            selectedRowKeys: selected,
            preserveSelectedRowKeys: true,
            onChange: (keys) => setSelected(keys.map(Number)),
            columnWidth: 40,
            fixed: true,
          }}
          locale={{ emptyText: t("history.empty") }}
          pagination={{
            current: Math.floor(offset / PAGE_SIZE) + 1,
            pageSize: PAGE_SIZE,
            total,
            showSizeChanger: false,
            showTotal: (count) => t("history.total", { count, replace: { count: totalIsLowerBound ? `${count}+` : count } }),
            onChange: (pageNumber) => setOffset((pageNumber - 1) * PAGE_SIZE),
          }}
          onRow={(row) => ({ onDoubleClick: () => setOpenId(row.id) })}
          columns={[
            {
              title: (
                <Space size={6}>
                  {t("history.time")}
                  <Tooltip title={t("history.zoneHint")}>
                    <Tag bordered={false} style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: "18px", fontWeight: "normal" }} data-testid="time-zone">
                      {PLATFORM_ZONE}
                    </Tag>
                  </Tooltip>
                </Space>
              ),
              dataIndex: "created_at",
              width: 180,
              render: (at: string) => (
                <Tooltip title={t("history.localTime", { time: formatTime(at), zone: localZone(at) })}>
                  <span style={{ whiteSpace: "nowrap" }} data-testid="history-time">
                    {formatPlatformTime(at)}
                  </span>
                </Tooltip>
              ),
            },
            { title: t("history.api"), dataIndex: "method", width: 220, render: (m: string) => <span className="mono">{m}</span> },
            {
              title: t("history.result"),
              dataIndex: "success",
              width: 90,
              render: (success: boolean) => (success ? <Tag color="success">{t("result.success")}</Tag> : <Tag color="error">{t("result.failure")}</Tag>),
            },
            {
              title: "code / sub_code",
              width: 190,
              ellipsis: true,
              render: (_v, row) => <span className="mono">{[row.code, row.sub_code].filter(Boolean).join(" / ") || "—"}</span>,
            },
            { title: t("result.latency"), dataIndex: "latency_ms", width: 90, render: (ms: number) => `${ms} ms` },
            { title: t("result.size"), dataIndex: "response_size", width: 90, render: (b: number) => formatBytes(b) },
            {
              title: t("history.profile"),
              dataIndex: "profile_name",
              width: 130,
              ellipsis: true,
              render: (name: string) => name || "—",
            },
            {
              title: t("terms.environment.label"),
              dataIndex: "environment",
              width: 150,
              ellipsis: true,
              render: (id: string) => {
                const env = environments.find((option) => option.id === id);
                return env ? environmentLabel(env, language) : id;
              },
            },
            {
              title: t("common.actions"),
              width: 176,
              fixed: "right",
              render: (_v, row) => (
                <Space size={0}>
                  <Tooltip title={t("history.open")}>
                    <Button type="text" size="small" icon={<EyeOutlined />} aria-label={t("history.open")} onClick={() => setOpenId(row.id)} />
                  </Tooltip>
                  <Tooltip title={t("history.openInConsole")}>
                    <Button
                      type="text"
                      size="small"
                      icon={<ExperimentOutlined />}
                      aria-label={t("history.openInConsole")}
                      loading={actions.isRunning("console", [row.id])}
                      onClick={() => void actions.openInConsole(row.id)}
                    />
                  </Tooltip>
                  <Tooltip title={t("history.reproduce")}>
                    <Button
                      type="text"
                      size="small"
                      icon={<BugOutlined />}
                      aria-label={t("history.reproduce")}
                      loading={actions.isRunning("reproduce", [row.id])}
                      onClick={() => void actions.reproduce([row.id])}
                    />
                  </Tooltip>
                  <Tooltip
                    title={
                      <>
                        <div style={{ fontWeight: 600 }}>{t("history.exportBundle")}</div>
                        <div>{t("history.bundleHint")}</div>
                      </>
                    }
                  >
                    <Button
                      type="text"
                      size="small"
                      icon={<ExportOutlined />}
                      aria-label={t("history.exportBundle")}
                      loading={actions.isRunning("export", [row.id])}
                      onClick={() => void actions.exportBundle([row.id])}
                    />
                  </Tooltip>
                  <Tooltip title={t("history.resend")}>
                    <Button type="text" size="small" icon={<RedoOutlined />} aria-label={t("history.resend")} onClick={() => void resend(row.id)} />
                  </Tooltip>
                  <Popconfirm title={t("history.deleteConfirm")} onConfirm={() => void remove(row.id)} okText={t("common.delete")} cancelText={t("common.cancel")}>
                    <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t("common.delete")} />
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <HistoryDrawer id={openId} onClose={() => setOpenId(null)} onChanged={refresh} />
    </div>
  );
}
