/**
 * Starting and stopping the receiver: the receiving app's profile (its AppSecret verifies each
 * request), the port on 127.0.0.1, and while it runs the 服务地址 to give the calling side.
 */
import { useState } from "react";
import { Button, InputNumber, Select, Space, Typography } from "antd";
import { PauseCircleOutlined, PlayCircleOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import * as api from "../../api/commands";
import type { ReceiverStatus } from "../../api/bindings/ReceiverStatus";
import { BAR_STYLE, BarField, profileOptions } from "../../components/BarField";
import { CopyButton } from "../../components/CopyButton";
import { useShowError } from "../../components/errors";
import { useWorkbench } from "../../state/workbench";

/** The receiver's usual port, as the core and the command line have it. */
export const DEFAULT_PORT = 19090;

export function StartBar({ status, onStatus }: { status: ReceiverStatus | null; onStatus: (status: ReceiverStatus) => void }) {
  const { t } = useTranslation();
  const showError = useShowError();
  const wb = useWorkbench();
  const [port, setPort] = useState<number | null>(DEFAULT_PORT);
  const [profile, setProfile] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const running = status?.running === true;
  // Until the user picks, the current profile.
  const profileChoice = profile ?? (wb.currentProfile ? String(wb.currentProfile.id) : null);

  const run = async (work: () => Promise<ReceiverStatus>) => {
    setBusy(true);
    try {
      onStatus(await work());
    } catch (raw) {
      showError(raw);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" size={12} style={{ width: "100%" }}>
      <div style={BAR_STYLE}>
        <BarField label={t("receiver.profile")}>
          <Select
            value={profileChoice}
            onChange={setProfile}
            disabled={running}
            aria-label={t("receiver.profile")}
            data-testid="receiver-profile"
            style={{ width: 220 }}
            popupMatchSelectWidth={false}
            options={profileOptions(wb.profiles, wb.language, (name) => t("receiver.noSecret", { name }))}
          />
        </BarField>
        <BarField label={t("receiver.port")}>
          <InputNumber
            min={1}
            max={65535}
            value={port}
            onChange={setPort}
            disabled={running}
            aria-label={t("receiver.port")}
            data-testid="receiver-port"
            style={{ width: 110 }}
          />
        </BarField>
        <div>
          {running ? (
            <Button danger icon={<PauseCircleOutlined />} loading={busy} onClick={() => void run(api.receiverStop)} data-testid="receiver-stop">
              {t("receiver.stop")}
            </Button>
          ) : (
            <Button
              type="primary"
              icon={<PlayCircleOutlined />}
              loading={busy}
              disabled={port === null}
              onClick={() => void run(() => api.receiverStart({ port, profile_id: profileChoice === null ? null : Number(profileChoice) }))}
              data-testid="receiver-start"
            >
              {t("receiver.start")}
            </Button>
          )}
        </div>
      </div>
      {running && status.url && (
        <Space direction="vertical" size={4} data-testid="receiver-running">
          <Space size={8} wrap>
            <Typography.Text type="secondary">{t("receiver.serviceUrl")}</Typography.Text>
            <Typography.Text className="mono" strong data-testid="receiver-url">
              {status.url}
            </Typography.Text>
            <CopyButton text={status.url} label={t("receiver.copyUrl")} done={t("receiver.copied")} testId="receiver-copy" />
          </Space>
          <Typography.Text>
            {t("receiver.runningHelp")} {status.verifying_with && t("receiver.verifyingWith", { name: status.verifying_with })}
          </Typography.Text>
        </Space>
      )}
    </Space>
  );
}
