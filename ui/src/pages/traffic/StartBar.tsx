/**
 * Starting and stopping the relay: the port, where requests go on (an environment, or a URL typed into
 * the same box), the profile whose AppSecret checks each sign (or none: record and forward only), and
 * LAN access, an explicit choice behind a warning with the addresses allowed to call.
 */
import { useState } from "react";
import { Alert, Button, Checkbox, Input, InputNumber, Select, Space } from "antd";
import { PauseCircleOutlined, PlayCircleOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import * as api from "../../api/commands";
import type { TrafficStatus } from "../../api/bindings/TrafficStatus";
import { BAR_STYLE, BarField as Field, profileOptions } from "../../components/BarField";
import { EnvironmentSelect } from "../../components/EnvironmentSelect";
import { useShowError } from "../../components/errors";
import { useWorkbench } from "../../state/workbench";

/** The relay's usual port, as the core and the command line have it (the local gateway has 18080). */
export const DEFAULT_PORT = 18088;
/** The profile choice that checks no sign. */
const NO_PROFILE = "none";

export function StartBar({ status, onStatus }: { status: TrafficStatus | null; onStatus: (status: TrafficStatus) => void }) {
  const { t } = useTranslation();
  const showError = useShowError();
  const wb = useWorkbench();
  const [port, setPort] = useState<number | null>(DEFAULT_PORT);
  const [upstream, setUpstream] = useState<string | null>(null);
  const [profile, setProfile] = useState<string | null>(null);
  const [lan, setLan] = useState(false);
  const [bind, setBind] = useState("");
  const [clients, setClients] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const running = status?.running === true;

  // Until the user picks, the console's environment and the current profile.
  const upstreamId = upstream ?? wb.environmentId;
  const profileChoice = profile ?? (wb.currentProfile ? String(wb.currentProfile.id) : NO_PROFILE);

  const start = async () => {
    setBusy(true);
    try {
      onStatus(
        await api.trafficStart({
          port,
          upstream: upstreamId,
          profile_id: profileChoice === NO_PROFILE ? null : Number(profileChoice),
          diagnose: profileChoice !== NO_PROFILE,
          lan: lan ? { bind, allowed_clients: clients } : null,
        }),
      );
    } catch (raw) {
      showError(raw);
    } finally {
      setBusy(false);
    }
  };

  const stop = async () => {
    setBusy(true);
    try {
      onStatus(await api.trafficStop());
    } catch (raw) {
      showError(raw);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" size={12} style={{ width: "100%" }}>
      <div style={BAR_STYLE}>
        <Field label={t("traffic.port")}>
          <InputNumber
            min={1}
            max={65535}
            value={port}
            onChange={setPort}
            disabled={running}
            aria-label={t("traffic.port")}
            data-testid="traffic-port"
            style={{ width: 110 }}
          />
        </Field>
        <Field label={t("traffic.upstream")}>
          {running ? (
            <Input value={status?.upstream ?? ""} disabled aria-label={t("traffic.upstream")} style={{ width: 230 }} />
          ) : (
            <EnvironmentSelect value={upstreamId} onChange={setUpstream} ariaLabel={t("traffic.upstream")} style={{ width: 230 }} testId="traffic-upstream" />
          )}
        </Field>
        <Field label={t("traffic.profile")}>
          <Select
            value={profileChoice}
            onChange={setProfile}
            disabled={running}
            aria-label={t("traffic.profile")}
            data-testid="traffic-profile"
            style={{ width: 200 }}
            popupMatchSelectWidth={false}
            options={[
              ...profileOptions(wb.profiles, wb.language, (name) => t("traffic.noSecret", { name })),
              { value: NO_PROFILE, label: t("traffic.recordOnly") },
            ]}
          />
        </Field>
        <div>
          {running ? (
            <Button danger icon={<PauseCircleOutlined />} loading={busy} onClick={() => void stop()} data-testid="traffic-stop">
              {t("traffic.stop")}
            </Button>
          ) : (
            <Button type="primary" icon={<PlayCircleOutlined />} loading={busy} disabled={port === null} onClick={() => void start()} data-testid="traffic-start">
              {t("traffic.start")}
            </Button>
          )}
        </div>
      </div>
      <Checkbox checked={lan} disabled={running} onChange={(e) => setLan(e.target.checked)} data-testid="traffic-lan">
        {t("traffic.lan")}
      </Checkbox>
      {lan && !running && (
        <Alert
          type="warning"
          showIcon
          message={t("traffic.lanWarningTitle")}
          description={
            <Space direction="vertical" size={8} style={{ width: "100%" }}>
              <span>{t("traffic.lanWarning")}</span>
              <div style={BAR_STYLE}>
                <Field label={t("traffic.bind")}>
                  <Input value={bind} onChange={(e) => setBind(e.target.value)} placeholder="192.168.1.20" aria-label={t("traffic.bind")} style={{ width: 180 }} />
                </Field>
                <Field label={t("traffic.clients")}>
                  <Select
                    mode="tags"
                    value={clients}
                    onChange={setClients}
                    tokenSeparators={[",", " "]}
                    placeholder="192.168.1.35"
                    aria-label={t("traffic.clients")}
                    style={{ minWidth: 260 }}
                    open={false}
                  />
                </Field>
              </div>
            </Space>
          }
        />
      )}
    </Space>
  );
}
