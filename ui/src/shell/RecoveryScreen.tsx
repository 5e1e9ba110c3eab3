/**
 * Shown instead of the app when its data could not be opened at start (a damaged or unreadable
 * database, one written by a newer version): what happened, where the file is, and one button that
 * moves the file aside under a dated name (nothing is deleted) and starts fresh.
 */
import { useState } from "react";
import { Alert, Button, Result, Segmented, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import * as api from "../api/commands";
import { toIpcFailure } from "../api/ipc";
import type { StartupProblem } from "../api/bindings/StartupProblem";
import { pick } from "../i18n/pick";
import { toUiLanguage } from "../i18n";

export function RecoveryScreen({ problem, onRecovered }: { problem: StartupProblem; onRecovered: () => void }) {
  const { t, i18n } = useTranslation();
  const language = toUiLanguage(i18n.language);
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [movedTo, setMovedTo] = useState<string | null>(null);

  const recover = async () => {
    setWorking(true);
    setError(null);
    try {
      setMovedTo(await api.appRecoverData());
    } catch (raw) {
      setError(toIpcFailure(raw).message);
    } finally {
      setWorking(false);
    }
  };

  return (
    <div className="page" data-testid="recovery-screen" style={{ maxWidth: 760, margin: "40px auto" }}>
      <Space style={{ width: "100%", justifyContent: "flex-end" }}>
        <Segmented
          value={language}
          onChange={(value) => void i18n.changeLanguage(String(value))}
          options={[
            { value: "zh-CN", label: "中文" },
            { value: "en-US", label: "English" },
          ]}
        />
      </Space>
      {movedTo ? (
        <Result
          status="success"
          title={t("recovery.doneTitle")}
          subTitle={t("recovery.doneBody", { path: movedTo })}
          extra={
            <Button type="primary" onClick={onRecovered} data-testid="recovery-continue">
              {t("recovery.continue")}
            </Button>
          }
        />
      ) : (
        <Result
          status="warning"
          title={t("recovery.title")}
          subTitle={pick(problem.message, language)}
          extra={
            <Space direction="vertical" size={16} style={{ width: "100%", textAlign: "left" }}>
              <div>
                <Typography.Text strong>{t("recovery.file")}</Typography.Text>
                <br />
                <Typography.Text className="mono" copyable>
                  {problem.database_file}
                </Typography.Text>
              </div>
              <Typography.Paragraph style={{ marginBottom: 0 }}>
                {problem.can_set_aside ? t("recovery.offer") : t("recovery.noFile")}
              </Typography.Paragraph>
              {error && <Alert type="error" showIcon message={error} />}
              {problem.can_set_aside && (
                <Button type="primary" loading={working} onClick={() => void recover()} data-testid="recovery-set-aside">
                  {t("recovery.setAside")}
                </Button>
              )}
            </Space>
          }
        />
      )}
    </div>
  );
}
