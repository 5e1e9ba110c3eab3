/**
 * Replaying a reproduction: to the environment picked, either byte for byte as the customer's system
 * built it (their timestamp, their sign, nothing added) or re-signed with the current profile (its
 * AppKey, session and AppSecret, timestamp now), with what re-signing changed listed.
 */
import { useState } from "react";
import { Button, Radio, Space, Table, Typography } from "antd";
import { PlayCircleOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import * as api from "../../api/commands";
import type { CapturedRequest } from "../../api/bindings/CapturedRequest";
import type { ParamChange } from "../../api/bindings/ParamChange";
import type { ReplayMode } from "../../api/bindings/ReplayMode";
import type { ReproReplay } from "../../api/bindings/ReproReplay";
import { EnvironmentSelect } from "../../components/EnvironmentSelect";
import { useShowError } from "../../components/errors";
import { ResultView } from "../../components/result/ResultView";
import { fromReplay } from "../../components/result/model";
import { useWorkbench } from "../../state/workbench";
import { AnswerDiff } from "./AnswerDiff";

export function ReplayPanel({
  request,
  recordedBody,
  replay,
  onReplayed,
}: {
  request: CapturedRequest;
  /** The answer recorded in a bundle, to set the new one against. */
  recordedBody: string | null;
  replay: ReproReplay | null;
  onReplayed: (replay: ReproReplay) => void;
}) {
  const { t } = useTranslation();
  const showError = useShowError();
  const wb = useWorkbench();
  const [environmentId, setEnvironmentId] = useState(wb.environmentId);
  const [mode, setMode] = useState<ReplayMode>("as_sent");
  const [sending, setSending] = useState(false);

  const send = async () => {
    setSending(true);
    try {
      onReplayed(
        await api.reproReplay({ request, environment_id: environmentId, mode, profile_id: wb.currentProfile?.id ?? null, recorded_body: recordedBody }),
      );
    } catch (raw) {
      showError(raw);
    } finally {
      setSending(false);
    }
  };

  return (
    <Space direction="vertical" size={12} style={{ width: "100%" }}>
      <EnvironmentSelect value={environmentId} onChange={setEnvironmentId} ariaLabel={t("repro.environment")} style={{ width: "100%" }} testId="replay-environment" />
      <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as ReplayMode)}>
        <Space direction="vertical">
          <Radio value="as_sent" data-testid="mode-as-sent">
            {t("repro.asSent")}
          </Radio>
          <Radio value="resigned" data-testid="mode-resigned">
            {t("repro.resigned", { name: wb.currentProfile?.name ?? "—" })}
          </Radio>
        </Space>
      </Radio.Group>
      <Button type="primary" icon={<PlayCircleOutlined />} loading={sending} onClick={() => void send()} data-testid="replay">
        {t("repro.replay")}
      </Button>
      {replay && (
        <>
          {replay.changes.length > 0 && (
            <div>
              <Typography.Text strong>{t("repro.changes")}</Typography.Text>
              <Table<ParamChange>
                size="small"
                rowKey="name"
                pagination={false}
                scroll={{ x: true }}
                dataSource={replay.changes}
                data-testid="replay-changes"
                columns={[
                  { title: t("repro.param"), dataIndex: "name", render: (v: string) => <span className="mono">{v}</span> },
                  { title: t("repro.before"), dataIndex: "before", render: (v: string | null) => <span className="mono wrap">{v ?? "—"}</span> },
                  { title: t("repro.after"), dataIndex: "after", render: (v: string | null) => <span className="mono wrap">{v ?? "—"}</span> },
                ]}
              />
            </div>
          )}
          {replay.diff && <AnswerDiff diff={replay.diff} />}
          <ResultView call={fromReplay(replay)} compare={null} revealCurl={null} />
        </>
      )}
    </Space>
  );
}
