/**
 * One exchange in full, with the console's tabs (the answer, its explanation, the sign's diagnosis on
 * the Signature tab, the request as the customer's system sent it), and what to do with it: open it in
 * 复现请求 to replay, export it as a bundle for a ticket, or keep it in history.
 */
import { useEffect, useMemo, useState } from "react";
import { Alert, App, Button, Descriptions, Drawer, Skeleton, Space, Tooltip } from "antd";
import { BugOutlined, ExportOutlined, HistoryOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import * as api from "../../api/commands";
import type { TrafficDetail } from "../../api/bindings/TrafficDetail";
import type { UiLanguage } from "../../api/bindings/UiLanguage";
import { errorText, useShowError } from "../../components/errors";
import { formatPlatformTime, PLATFORM_ZONE } from "../../components/format";
import { ResultView } from "../../components/result/ResultView";
import { fromExchange } from "../../components/result/model";
import { useWorkbench } from "../../state/workbench";
import { VerdictTag } from "./LiveList";

type Action = "repro" | "export" | "history";

export function ExchangeDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const { language, openReproWith } = useWorkbench();
  // What was loaded, for which exchange and in which language: the core explains in the current one.
  const [loaded, setLoaded] = useState<{ id: number; language: UiLanguage; detail: TrafficDetail | null; error: string | null } | null>(null);
  const current = loaded && loaded.id === id && loaded.language === language ? loaded : null;
  const detail = current?.detail ?? null;
  const [running, setRunning] = useState<Action | null>(null);

  useEffect(() => {
    if (id === null) return;
    let live = true;
    api.trafficGet(id).then(
      (next) => live && setLoaded({ id, language, detail: next, error: null }),
      (raw: unknown) => live && setLoaded({ id, language, detail: null, error: errorText(raw) }),
    );
    return () => {
      live = false;
    };
  }, [id, language]);

  const shown = useMemo(() => (detail ? fromExchange(detail) : null), [detail]);

  const act = async (action: Action, work: () => Promise<void>) => {
    setRunning(action);
    try {
      await work();
    } catch (raw) {
      showError(raw);
    } finally {
      setRunning(null);
    }
  };

  const reproduce = (exchange: number) =>
    act("repro", async () => {
      openReproWith(await api.trafficBundle([exchange]));
      onClose();
    });
  const exportBundle = (exchange: number) =>
    act("export", async () => {
      const saved = await api.reproExport({ calls: await api.trafficBundle([exchange]) });
      if (saved.path) void message.success(t("traffic.exported", { path: saved.path }));
    });
  const saveToHistory = (exchange: number) =>
    act("history", async () => {
      await api.trafficSaveToHistory(exchange);
      void message.success(t("traffic.savedToHistory"));
    });

  const exchange = detail?.exchange;
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      width="min(920px, 92vw)"
      title={exchange ? <span className="mono">{exchange.api ?? exchange.path}</span> : t("traffic.detail")}
    >
      {current?.error && <Alert type="error" showIcon message={current.error} />}
      {!current && <Skeleton active />}
      {exchange && shown && id !== null && (
        <Space direction="vertical" size={16} style={{ width: "100%" }}>
          <Space wrap size={[8, 8]} data-testid="traffic-detail-actions">
            <Tooltip title={t("traffic.reproduceHint")}>
              <Button icon={<BugOutlined />} loading={running === "repro"} onClick={() => void reproduce(id)} data-testid="traffic-reproduce">
                {t("traffic.reproduce")}
              </Button>
            </Tooltip>
            <Button icon={<ExportOutlined />} loading={running === "export"} onClick={() => void exportBundle(id)} data-testid="traffic-export">
              {t("traffic.exportBundle")}
            </Button>
            <Button icon={<HistoryOutlined />} loading={running === "history"} onClick={() => void saveToHistory(id)} data-testid="traffic-save">
              {t("traffic.saveToHistory")}
            </Button>
          </Space>
          <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
            <Descriptions.Item label={`${t("traffic.time")} (${PLATFORM_ZONE})`}>{formatPlatformTime(exchange.at)}</Descriptions.Item>
            <Descriptions.Item label={t("traffic.verdictTitle")}>
              <VerdictTag verdict={exchange.verdict} />
            </Descriptions.Item>
            <Descriptions.Item label={t("traffic.received")}>
              <span className="mono">
                {exchange.http_method} {exchange.path}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t("traffic.forwardedTo")}>
              <span className="mono wrap">{detail.endpoint}</span>
            </Descriptions.Item>
          </Descriptions>
          <ResultView call={shown} compare={null} revealCurl={null} />
        </Space>
      )}
    </Drawer>
  );
}
