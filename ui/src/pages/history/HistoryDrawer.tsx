/**
 * One recorded call in full, with the console's tabs; re-send from here records a new call and shows it.
 */
import { useEffect, useState } from "react";
import { Alert, App, Button, Descriptions, Drawer, Popconfirm, Skeleton, Space } from "antd";
import { DeleteOutlined, RedoOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import * as api from "../../api/commands";
import type { HistoryDetail } from "../../api/bindings/HistoryDetail";
import { formatTime } from "../../components/format";
import { ResultView } from "../../components/result/ResultView";
import { fromHistory } from "../../components/result/model";
import { useWorkbench } from "../../state/workbench";
import { errorText, useShowError } from "../../components/errors";

export function HistoryDrawer({ id, onClose, onChanged }: { id: number | null; onClose: () => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [shownId, setShownId] = useState<number | null>(id);
  const [detail, setDetail] = useState<HistoryDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const { language } = useWorkbench();
  useEffect(() => setShownId(id), [id]);

  useEffect(() => {
    if (shownId === null) {
      setDetail(null);
      return;
    }
    let live = true;
    setError(null);
    setDetail(null);
    api
      .historyGet(shownId)
      .then((loaded) => live && setDetail(loaded))
      .catch((raw: unknown) => live && setError(errorText(raw)));
    return () => {
      live = false;
    };
    // Reloaded on a language switch too: the core explains the answer in the current language.
  }, [shownId, language]);

  const resend = async () => {
    if (shownId === null) return;
    setBusy(true);
    try {
      const sent = await api.historyResend(shownId);
      message.success(sent.result?.success && !sent.network_error ? t("history.resentOk") : t("history.resentFailed"));
      setShownId(sent.history_id);
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
      {detail && historyId !== null && (
        <Space direction="vertical" size={16} style={{ width: "100%" }}>
          <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
            <Descriptions.Item label={t("history.time")}>{formatTime(detail.created_at)}</Descriptions.Item>
            <Descriptions.Item label={t("terms.environment.label")}>{detail.environment}</Descriptions.Item>
            <Descriptions.Item label={t("history.profile")}>{detail.profile_name || "—"}</Descriptions.Item>
            <Descriptions.Item label={t("history.endpoint")}>
              <span className="mono">{detail.endpoint}</span>
            </Descriptions.Item>
          </Descriptions>
          <ResultView
            call={fromHistory(detail)}
            compare={(pasted) => api.signCompare({ target: { kind: "history", history_id: historyId }, pasted })}
            revealCurl={null}
          />
        </Space>
      )}
    </Drawer>
  );
}
