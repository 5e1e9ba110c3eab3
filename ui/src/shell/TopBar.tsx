/**
 * The top bar: which profile and which environment calls use right now, the 演示模式 tag in demo mode,
 * and the language switch.
 */
import { Segmented, Select, Space, Tag, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { pick } from "../i18n/pick";
import { useWorkbench } from "../state/workbench";
import { Term } from "../components/Term";
import type { UiLanguage } from "../i18n";
import { EnvironmentSelect } from "../components/EnvironmentSelect";
import { useShowError } from "../components/errors";

export function TopBar() {
  const { t } = useTranslation();
  const showError = useShowError();
  const wb = useWorkbench();
  const { info, profiles, currentProfile, environmentId, language } = wb;

  const onProfile = async (id: number) => {
    try {
      await wb.selectProfile(id);
    } catch (raw) {
      showError(raw);
    }
  };

  const onLanguage = async (value: UiLanguage) => {
    try {
      await wb.changeLanguage(value);
    } catch (raw) {
      showError(raw);
    }
  };

  return (
    <>
      <Space size={8} align="center">
        <Typography.Text type="secondary" className="top-bar-label">
          {t("topBar.profile")}
        </Typography.Text>
        <Select<number>
          aria-label={t("topBar.profile")}
          style={{ width: 200 }}
          value={currentProfile?.id}
          placeholder={t("topBar.noProfile")}
          onChange={(id) => void onProfile(id)}
          options={profiles.map((profile) => ({ value: profile.id, label: pick(profile.label, language) }))}
          data-testid="profile-select"
        />
      </Space>
      <Space size={8} align="center">
        <Typography.Text type="secondary" className="top-bar-label">
          <Term name="environment" />
        </Typography.Text>
        <EnvironmentSelect
          ariaLabel={t("terms.environment.label")}
          style={{ width: 230 }}
          value={environmentId}
          onChange={(id) => wb.setEnvironmentId(id)}
          testId="environment-select"
        />
      </Space>
      {info?.demo_mode && (
        <Tooltip title={t("topBar.demoHelp")}>
          <Tag color="orange" data-testid="demo-tag" style={{ marginInlineEnd: 0 }}>
            {t("topBar.demo")}
          </Tag>
        </Tooltip>
      )}
      <div className="top-bar-spacer" />
      <Segmented<UiLanguage>
        aria-label={t("topBar.language")}
        value={language}
        onChange={(value) => void onLanguage(value)}
        options={[
          { value: "zh-CN", label: t("languages.zh-CN") },
          { value: "en-US", label: t("languages.en-US") },
        ]}
        data-testid="language-switch"
      />
    </>
  );
}
