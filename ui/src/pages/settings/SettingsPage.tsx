/**
 * The few things a user may want to change: the language and how many calls the history keeps. Also
 * shows where the app keeps its data and which local gateway is running, for support.
 */
import { useState } from "react";
import { App, Button, Card, Descriptions, Form, InputNumber, Radio, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import * as api from "../../api/commands";
import { useWorkbench } from "../../state/workbench";
import type { UiLanguage } from "../../i18n";
import { useShowError } from "../../components/errors";

const MIN_RETENTION = 100;
const MAX_RETENTION = 1_000_000;

export function SettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const wb = useWorkbench();
  const { info, language } = wb;
  // The box shows the stored value until the user types; a newly stored value replaces the draft.
  const stored = info?.retention ?? null;
  const [draft, setDraft] = useState<{ over: number | null; value: number | null } | null>(null);
  const retention = draft && draft.over === stored ? draft.value : stored;
  const [saving, setSaving] = useState(false);

  const onLanguage = async (value: UiLanguage) => {
    try {
      await wb.changeLanguage(value);
    } catch (raw) {
      showError(raw);
    }
  };

  const saveRetention = async () => {
    if (retention === null) return;
    setSaving(true);
    try {
      wb.setInfo(await api.settingsSet({ language: null, retention }));
      message.success(t("settings.saved"));
    } catch (raw) {
      showError(raw);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="page">
      <h1 className="page-title">{t("nav.settings")}</h1>
      <Space direction="vertical" size={16} style={{ width: "100%", maxWidth: 760 }}>
        <Card title={t("settings.general")}>
          <Form layout="vertical">
            <Form.Item label={t("settings.language")}>
              <Radio.Group value={language} onChange={(e) => void onLanguage(e.target.value as UiLanguage)} optionType="button">
                <Radio.Button value="zh-CN">{t("languages.zh-CN")}</Radio.Button>
                <Radio.Button value="en-US">{t("languages.en-US")}</Radio.Button>
              </Radio.Group>
            </Form.Item>
            <Form.Item label={t("settings.retention")} extra={t("settings.retentionHelp")}>
              <Space.Compact>
                <InputNumber
                  aria-label={t("settings.retention")}
                  min={MIN_RETENTION}
                  max={MAX_RETENTION}
                  step={1000}
                  precision={0}
                  value={retention}
                  onChange={(value) => setDraft({ over: stored, value })}
                  addonAfter={t("settings.calls")}
                  style={{ width: 220 }}
                />
              </Space.Compact>
              <Button type="primary" style={{ marginInlineStart: 12 }} loading={saving} disabled={retention === null || retention === info?.retention} onClick={() => void saveRetention()}>
                {t("common.save")}
              </Button>
            </Form.Item>
          </Form>
        </Card>
        <Card title={t("settings.about")}>
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t("settings.version")}>{info?.version}</Descriptions.Item>
            <Descriptions.Item label={t("settings.dataDir")}>
              <Typography.Text className="mono" copyable>
                {info?.data_dir}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t("settings.gateway")}>
              <Typography.Text className="mono">{info?.gateway_url ?? t("settings.gatewayOff")}</Typography.Text>
            </Descriptions.Item>
          </Descriptions>
        </Card>
      </Space>
    </div>
  );
}
