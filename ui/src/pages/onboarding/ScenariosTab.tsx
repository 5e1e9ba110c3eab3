/**
 * Scenario and role (document 003 §二, §四.1.2, §六): the five scenarios with who calls whom, their
 * APIs and how joint testing is requested, and the fixed values of the joint test. Choosing one sets
 * the profile's role and scenario and opens the console prepared for it.
 */
import { useEffect, useState } from "react";
import { App, Button, Card, Descriptions, List, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import * as api from "../../api/commands";
import type { ScenariosView } from "../../api/bindings/ScenariosView";
import type { Scenario } from "../../api/bindings/Scenario";
import { useWorkbench } from "../../state/workbench";
import { DocLink, useText } from "./shared";
import { useShowError } from "../../components/errors";

export function ScenariosTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const wb = useWorkbench();
  const loc = useText();
  const [view, setView] = useState<ScenariosView | null>(null);

  useEffect(() => {
    api
      .scenariosList()
      .then(setView)
      .catch(showError);
  }, [showError]);
  if (!view) return null;
  const { constants } = view;

  const choose = async (scenario: Scenario) => {
    const profileId = wb.currentProfile?.id;
    if (profileId === undefined) return;
    try {
      const choice = await api.scenarioChoose(profileId, scenario.id);
      await wb.reloadProfiles();
      message.success(t("onboarding.scenarios.chosen", { name: loc(scenario.name) }));
      const call = choice.console_preset.call;
      if (call) wb.openConsoleWith(call);
      else wb.navigate("console");
    } catch (raw) {
      showError(raw);
    }
  };

  const roleName = (scenario: Scenario) => {
    const role = view.roles.find((r) => r.id === scenario.your_role);
    return role ? loc(role.name) : t("onboarding.appTypes.notStated");
  };

  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Card size="small" title={t("onboarding.scenarios.constants")}>
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label={t("onboarding.scenarios.company")}>
            <Typography.Text copyable>{constants.qimen_company_name}</Typography.Text> <Typography.Text type="secondary">{loc(constants.company_name_text)}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t("onboarding.scenarios.targetApp")}>
            <Typography.Text copyable>{constants.wdt_target_app_key}</Typography.Text> <Typography.Text type="secondary">{loc(constants.target_app_key_text)}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t("onboarding.scenarios.jointTestApi")}>
            <Typography.Text copyable code>
              {constants.joint_test_api}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t("onboarding.scenarios.jointTestDomain")}>
            <Typography.Text copyable code>
              {constants.joint_test_domain}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {view.scenarios.map((scenario) => {
        const channel = view.channels.find((c) => c.id === scenario.joint_test);
        const current = wb.currentProfile?.scenario === scenario.id;
        return (
          <Card
            key={scenario.id}
            size="small"
            data-testid={`scenario-${scenario.id}`}
            title={
              <Space wrap>
                {loc(scenario.name)}
                {scenario.other_names.map((n) => (
                  <Tag key={n}>{n}</Tag>
                ))}
                {current && <Tag color="blue">{t("onboarding.scenarios.current")}</Tag>}
              </Space>
            }
            extra={
              <Button type="primary" onClick={() => void choose(scenario)}>
                {t("onboarding.scenarios.choose")}
              </Button>
            }
          >
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t("onboarding.scenarios.description")}>{loc(scenario.description)}</Descriptions.Item>
              <Descriptions.Item label={t("onboarding.scenarios.yourRole")}>{roleName(scenario)}</Descriptions.Item>
              <Descriptions.Item label={t("onboarding.scenarios.flow")}>{loc(scenario.flow)}</Descriptions.Item>
              <Descriptions.Item label={t("onboarding.scenarios.jointTest")}>
                {channel ? `${loc(channel.text)} ${loc(channel.remark)}` : ""}
              </Descriptions.Item>
            </Descriptions>
            {scenario.apis_note && <Typography.Paragraph type="secondary">{loc(scenario.apis_note)}</Typography.Paragraph>}
            {scenario.apis_link && <DocLink link={scenario.apis_link} />}
            {scenario.sdk_note && <Typography.Paragraph type="secondary">{loc(scenario.sdk_note)}</Typography.Paragraph>}
            {scenario.apis.length > 0 && (
              <List
                size="small"
                header={t("onboarding.scenarios.apis")}
                dataSource={scenario.apis}
                renderItem={(a) => (
                  <List.Item>
                    <Typography.Text code>{a.method}</Typography.Text> {loc(a.title)}{" "}
                    <Tag>{t(`onboarding.scenarios.caller.${a.caller}`)}</Tag>
                  </List.Item>
                )}
              />
            )}
          </Card>
        );
      })}
    </Space>
  );
}
