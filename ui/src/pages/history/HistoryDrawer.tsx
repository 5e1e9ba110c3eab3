/**
 * One recorded call in full, with the console's tabs; re-send from here records a new call and shows it.
 * From here too the call opens in the console or on the 复现请求 page, or is exported as a bundle.
 */
import { useEffect, useMemo, useState } from "react";
import { Alert, App, Button, Descriptions, Drawer, Popconfirm, Skeleton, Space, Tooltip } from "antd";
import { BugOutlined, DeleteOutlined, ExperimentOutlined, ExportOutlined, RedoOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import * as api from "../../api/commands";
import type { HistoryDetail } from "../../api/bindings/HistoryDetail";
import type { UiLanguage } from "../../api/bindings/UiLanguage";
import { formatPlatformTime, formatTime, localZone, PLATFORM_ZONE } from "../../components/format";
import { ResultView } from "../../components/result/ResultView";
import { fromHistory } from "../../components/result/model";
import { useWorkbench } from "../../state/workbench";
import { errorText, useShowError } from "../../components/errors";
import { useHistoryActions } from "./useHistoryActions";

export function HistoryDrawer({ id, onClose, onChanged }: { id: number | null; onClose: () => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const { language } = useWorkbench();
  // The drawer shows the entry it was opened on, until a re-send from here shows the new call instead;
  // opening it again (on any entry) starts from that entry.
  const [resentId, setResentId] = useState<number | null>(null);
  const [openedOn, setOpenedOn] = useState(id);
  if (openedOn !== id) {
    setOpenedOn(id);
    setResentId(null);
  }
  const shownId = id === null ? null : (resentId ?? id);
  // What was loaded, for which entry and in which language: the core explains in the current one.
  const [loaded, setLoaded] = useState<{ id: number; language: UiLanguage; detail: HistoryDetail | null; error: string | null } | null>(null);
  const current = loaded && loaded.id === shownId && loaded.language === language ? loaded : null;
  const detail = current?.detail ?? null;
  const error = current?.error ?? null;
  const [busy, setBusy] = useState(false);
  const actions = useHistoryActions();

  useEffect(() => {
    if (shownId === null) return;
    let live = true;
    api.historyGet(shownId).then(
      (next) => live && setLoaded({ id: shownId, language, detail: next, error: null }),
      (raw: unknown) => live && setLoaded({ id: shownId, language, detail: null, error: errorText(raw) }),
    );
    return () => {
      live = false;
    };
  }, [shownId, language]);

  const shown = useMemo(() => (detail ? fromHistory(detail) : null), [detail]);

  const resend = async () => {
    if (shownId === null) return;
    setBusy(true);
    try {
      const sent = await api.historyResend(shownId);
      message.success(sent.result?.success && !sent.network_error ? t("history.resentOk") : t("history.resentFailed"));
      setResentId(sent.history_id);
      onChanged();
    } catch (raw) {
      showError(raw);
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    if (shownId === null) return;
    try {
      await api.historyDelete(shownId);
      message.success(t("history.deleted"));
      onChanged();
      onClose();
    } catch (raw) {
      showError(raw);
    }
  };

  // Opening elsewhere leaves this page: the drawer closes so it is not still open on the way back.
  const leaveFor = async (go: Promise<boolean>) => {
    if (await go) onClose();
  };

  const historyId = shownId;
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      width="min(920px, 92vw)"
      title={detail ? <span className="mono">{detail.method}</span> : t("history.detail")}
      extra={
        <Space>
          <Button type="primary" icon={<RedoOutlined />} loading={busy} disabled={!detail} onClick={() => void resend()}>
            {t("history.resend")}
          </Button>
          <Popconfirm title={t("history.deleteConfirm")} onConfirm={() => void remove()} okText={t("common.delete")} cancelText={t("common.cancel")}>
            <Button danger icon={<DeleteOutlined />} disabled={!detail}>
              {t("common.delete")}
            </Button>
          </Popconfirm>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon message={error} />}
      {!detail && !error && <Skeleton active />}
      {detail && shown && historyId !== null && (
        <Space direction="vertical" size={16} style={{ width: "100%" }}>
          <Space wrap size={[8, 8]} data-testid="history-detail-actions">
            <Button
              icon={<ExperimentOutlined />}
              loading={actions.isRunning("console", [historyId])}
              onClick={() => void leaveFor(actions.openInConsole(historyId))}
            >
              {t("history.openInConsole")}
            </Button>
            <Button icon={<BugOutlined />} loading={actions.isRunning("reproduce", [historyId])} onClick={() => void leaveFor(actions.reproduce([historyId]))}>
              {t("history.reproduce")}
            </Button>
            <Tooltip title={t("history.bundleHint")}>
              <Button icon={<ExportOutlined />} loading={actions.isRunning("export", [historyId])} onClick={() => void actions.exportBundle([historyId])}>
                {t("history.exportBundle")}
              </Button>
            </Tooltip>
          </Space>
          <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
            <Descriptions.Item label={`${t("history.time")} (${PLATFORM_ZONE})`}>
              <Tooltip title={t("history.localTime", { time: formatTime(detail.created_at), zone: localZone(detail.created_at) })}>
                <span>{formatPlatformTime(detail.created_at)}</span>
              </Tooltip>
            </Descriptions.Item>
            <Descriptions.Item label={t("terms.environment.label")}>{detail.environment}</Descriptions.Item>
            <Descriptions.Item label={t("history.profile")}>{detail.profile_name || "—"}</Descriptions.Item>
            <Descriptions.Item label={t("history.endpoint")}>
              <span className="mono">{detail.endpoint}</span>
            </Descriptions.Item>
          </Descriptions>
          <ResultView
            call={shown}
            compare={(pasted) => api.signCompare({ target: { kind: "history", history_id: historyId }, pasted })}
            revealCurl={null}
          />
        </Space>
      )}
    </Drawer>
  );
}
