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
import type { ScenarioApi } from "../../api/bindings/ScenarioApi";
import { Term } from "../../components/Term";
import { DocLink, SourceLink, useText } from "./shared";
import { useShowError } from "../../components/errors";

/**
 * What a scenario's APIs ask for beyond the usual, each word explained where it first appears here:
 * Qimen standard calls route by customerId and answer with flag/code; the CRM API carries extendProps;
 * 旺店通's custom APIs add wdt_sign.
 */
function ApiTerms({ apis }: { apis: ScenarioApi[] }) {
  const { t } = useTranslation();
  const families = new Set(apis.map((a) => a.family));
  const terms: React.ReactNode[] = [];
  if (families.has("qimen_standard")) terms.push(<Term key="customerId" name="customerId" />, <Term key="flag" name="flag" />, <Term key="code" name="code" />);
  if (families.has("qimen_official")) terms.push(<Term key="customerIdOfficial" name="customerId" />, <Term key="extendProps" name="extendProps" />, <Term key="wdtSignOfficial" name="wdtSign" />);
  if (families.has("qimen_custom")) terms.push(<Term key="wdtSign" name="wdtSign" />, <Term key="subCode" name="subCode" />);
  if (terms.length === 0) return null;
  return (
    <Typography.Paragraph type="secondary">
      {t("onboarding.scenarios.terms")}{" "}
      <Space size={12} wrap>
        {terms}
      </Space>
    </Typography.Paragraph>
  );
}

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
      <Card size="small" title={t("onboarding.scenarios.constants")} extra={<SourceLink document="003" source={constants.source} />}>
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label={t("onboarding.scenarios.company")}>
            <Typography.Text copyable>{constants.qimen_company_name}</Typography.Text> <Typography.Text type="secondary">{loc(constants.company_name_text)}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={<Term name="targetAppKey" label={t("onboarding.scenarios.targetApp")} />}>
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
                  <Tag key={n.zh}>{loc(n)}</Tag>
                ))}
                {current && <Tag color="blue">{t("onboarding.scenarios.current")}</Tag>}
              </Space>
            }
            extra={
              <Space size={0}>
                <SourceLink document="003" source={scenario.source} />
                <Button type="primary" onClick={() => void choose(scenario)}>
                  {t("onboarding.scenarios.choose")}
                </Button>
              </Space>
            }
          >
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t("onboarding.scenarios.description")}>{loc(scenario.description)}</Descriptions.Item>
              <Descriptions.Item label={t("onboarding.scenarios.yourRole")}>{roleName(scenario)}</Descriptions.Item>
              <Descriptions.Item label={t("onboarding.scenarios.flow")}>
                <Space direction="vertical" size={0}>
                  <span>
                    {loc(scenario.flow)} {scenario.flow_origin && <Tag data-testid={`flow-origin-${scenario.id}`}>{t("onboarding.notInDocument")}</Tag>}
                  </span>
                  {scenario.flow_origin && <Typography.Text type="secondary">{loc(scenario.flow_origin)}</Typography.Text>}
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label={t("onboarding.scenarios.jointTest")}>
                {channel && (
                  <span data-testid={`channel-${scenario.id}`}>
                    {loc(channel.text)} {loc(channel.remark)} <SourceLink document="003" source={channel.source} />
                  </span>
                )}
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
                    <Space wrap size={4}>
                      <Typography.Text code>{a.method}</Typography.Text> {loc(a.title)}
                      <Tag>{t(`onboarding.scenarios.caller.${a.caller}`)}</Tag>
                      {a.source === "reference" && (
                        <Tag color="gold" title={t(`onboarding.scenarios.origin.${a.family}`)} data-testid={`api-origin-${a.method}`}>
                          {t("onboarding.notInDocument")}
                        </Tag>
                      )}
                    </Space>
                  </List.Item>
                )}
              />
            )}
            {scenario.apis.some((a) => a.source === "reference") && (
              <Typography.Paragraph type="secondary" data-testid={`api-origins-${scenario.id}`}>
                {[...new Set(scenario.apis.filter((a) => a.source === "reference").map((a) => a.family))]
                  .map((family) => t(`onboarding.scenarios.origin.${family}`))
                  .join(" ")}
              </Typography.Paragraph>
            )}
            <ApiTerms apis={scenario.apis} />
          </Card>
        );
      })}
    </Space>
  );
}
