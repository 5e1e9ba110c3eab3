/**
 * The Taobaoke checker (document 002): the user's figures in, per package the verdict, every rule with
 * what passed and by how much a figure falls short, the prerequisite chain, how to apply and how long,
 * and what would take the permission away again. The judging is the core's.
 */
import { useEffect, useState } from "react";
import { Alert, Button, Card, Col, Form, InputNumber, Row, Select, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import * as api from "../../api/commands";
import type { TaobaokeCatalogView } from "../../api/bindings/TaobaokeCatalogView";
import type { TaobaokeFigures } from "../../api/bindings/TaobaokeFigures";
import type { PackageCheck } from "../../api/bindings/PackageCheck";
import type { Figure } from "../../api/bindings/Figure";
import type { PackageId } from "../../api/bindings/PackageId";
import { DocLinks, useText, useWaitText } from "./shared";
import { useShowError } from "../../components/errors";

const YES_NO_FIGURES: Figure[] = ["filed_and_approved", "taodianjin_deployed", "is_rebate_site", "is_entry_site", "is_daigou_site"];
const VERDICT_COLOR = { eligible: "green", eligible_after_prerequisites: "gold", not_eligible: "red", not_enough_information: "default" } as const;
const OUTCOME_COLOR = { passed: "green", failed: "red", not_enough_information: "default", not_applicable: "default" } as const;

type FormValues = Record<string, unknown>;

const EMPTY: TaobaokeFigures = {
  medium: null,
  filed_and_approved: null,
  taodianjin_deployed: null,
  site_deduction_score: null,
  monthly_avg_daily_clicks: null,
  monthly_avg_daily_alipay_amount: null,
  app_downloads: null,
  app_dau: null,
  is_rebate_site: null,
  is_entry_site: null,
  is_daigou_site: null,
  platform_media_dau: null,
  held_packages: [],
  days_without_calls: null,
  days_without_transactions: null,
};

function toFigures(values: FormValues): TaobaokeFigures {
  const figures: Record<string, unknown> = { ...EMPTY };
  for (const key of Object.keys(EMPTY)) {
    const value = values[key];
    if (value === undefined || value === null || value === "") continue;
    figures[key] = YES_NO_FIGURES.includes(key as Figure) ? value === "yes" : value;
  }
  return figures as TaobaokeFigures;
}

function PackageResult({ check }: { check: PackageCheck }) {
  const { t } = useTranslation();
  const loc = useText();
  const waitText = useWaitText();
  return (
    <Card
      size="small"
      data-testid={`package-${check.package}`}
      title={
        <Space>
          {loc(check.name)}
          <Tag color={VERDICT_COLOR[check.verdict]}>{t(`onboarding.taobaoke.verdict.${check.verdict}`)}</Tag>
        </Space>
      }
    >
      <Typography.Paragraph>{loc(check.summary)}</Typography.Paragraph>
      {check.invitation_only && <Alert type="warning" showIcon message={loc(check.invitation_only)} style={{ marginBottom: 8 }} />}
      {check.prerequisites.length > 0 && (
        <Typography.Paragraph>
          {t("onboarding.taobaoke.prerequisites")}:{" "}
          {check.prerequisites.map((p) => (
            <Tag key={p.package} color={p.held ? "green" : "orange"}>
              {loc(p.name)} {p.held ? t("onboarding.taobaoke.held") : t("onboarding.taobaoke.notHeld")}
            </Tag>
          ))}
        </Typography.Paragraph>
      )}
      {check.missing.length > 0 && (
        <Typography.Paragraph type="secondary">
          {t("onboarding.taobaoke.missing")}: {check.missing.map((m) => loc(m.label)).join(t("onboarding.listSeparator"))}
        </Typography.Paragraph>
      )}
      <Typography.Text strong>{t("onboarding.taobaoke.rules")}</Typography.Text>
      <ul style={{ paddingLeft: 20 }}>
        {check.rules.map((rule) => (
          <li key={`${rule.package}-${rule.rule_id}`} data-testid={`rule-${rule.package}-${rule.rule_id}`}>
            <Tag color={OUTCOME_COLOR[rule.outcome.outcome]}>{t(`onboarding.taobaoke.outcome.${rule.outcome.outcome}`)}</Tag>
            {loc(rule.text)}
            {rule.interpretation && <Typography.Text type="secondary"> ({loc(rule.interpretation)})</Typography.Text>}
            {rule.outcome.outcome === "failed" && (
              <ul>
                {rule.checks
                  .filter((c) => c.outcome === "failed")
                  .map((c) => (
                    <li key={c.field}>
                      <Typography.Text type="danger">{loc(c.explanation)}</Typography.Text>
                      {c.shortfall !== null && (
                        <Tag color="red" style={{ marginLeft: 6 }}>
                          {t("onboarding.taobaoke.shortfall", { value: c.shortfall })}
                        </Tag>
                      )}
                    </li>
                  ))}
              </ul>
            )}
            <DocLinks links={rule.links} />
          </li>
        ))}
      </ul>
      <Typography.Text strong>{t("onboarding.taobaoke.howToApply")}</Typography.Text>
      <Typography.Paragraph>
        {loc(check.how_to_apply.prerequisite)} {loc(check.how_to_apply.result)} ({t("onboarding.tracker.expectedWait")}:{" "}
        {waitText(check.how_to_apply.wait)})
        <DocLinks links={check.how_to_apply.links} />
      </Typography.Paragraph>
      <Typography.Text strong>{t("onboarding.taobaoke.revocation")}</Typography.Text>
      <ul style={{ paddingLeft: 20 }}>
        {check.revocation.map((risk) => (
          <li key={risk.kind + risk.text.zh}>
            <Tag color={risk.status.status === "triggered" ? "red" : "default"}>{t(`onboarding.taobaoke.risk.${risk.status.status}`)}</Tag>
            {loc(risk.text)} <Typography.Text type="secondary">{loc(risk.explanation)}</Typography.Text>
          </li>
        ))}
      </ul>
    </Card>
  );
}

export function TaobaokeTab() {
  const { t } = useTranslation();
  const showError = useShowError();
  const loc = useText();
  const [form] = Form.useForm<FormValues>();
  const [catalog, setCatalog] = useState<TaobaokeCatalogView | null>(null);
  const [checks, setChecks] = useState<PackageCheck[] | null>(null);

  useEffect(() => {
    api
      .catalogTaobaoke()
      .then(setCatalog)
      .catch(showError);
  }, [showError]);
  if (!catalog) return null;
  const rules = catalog.rules;

  const check = async () => {
    try {
      setChecks(await api.taobaokeCheck(toFigures(form.getFieldsValue())));
    } catch (raw) {
      showError(raw);
    }
  };
  const packageOptions = rules.packages.map((p) => ({ value: p.id as PackageId, label: loc(p.name) }));
  const yesNo = [
    { value: "yes", label: t("common.yes") },
    { value: "no", label: t("common.no") },
  ];

  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Alert type="info" showIcon message={loc(rules.title)} description={<>{loc(rules.scope)} <DocLinks links={[rules.help_link]} /></>} />
      <Card size="small" title={t("onboarding.taobaoke.figures")}>
        <Form form={form} layout="vertical">
          <Row gutter={12}>
            <Col span={8}>
              <Form.Item name="medium" label={t("onboarding.taobaoke.medium")} extra={t("onboarding.taobaoke.mediumHelp")}>
                <Select
                  allowClear
                  options={(["website", "app", "both"] as const).map((m) => ({ value: m, label: t(`onboarding.taobaoke.mediumOption.${m}`) }))}
                />
              </Form.Item>
            </Col>
            {rules.figures.map((figure) => (
              <Col span={8} key={figure.field}>
                <Form.Item name={figure.field} label={loc(figure.label)} extra={figure.unit ? `${t("onboarding.taobaoke.unit")}: ${loc(figure.unit)}` : undefined}>
                  {YES_NO_FIGURES.includes(figure.field) ? (
                    <Select allowClear options={yesNo} aria-label={loc(figure.label)} />
                  ) : (
                    <InputNumber min={0} style={{ width: "100%" }} aria-label={loc(figure.label)} />
                  )}
                </Form.Item>
              </Col>
            ))}
            <Col span={8}>
              <Form.Item name="held_packages" label={t("onboarding.taobaoke.heldPackages")} extra={t("onboarding.taobaoke.heldHelp")}>
                <Select mode="multiple" options={packageOptions} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="days_without_calls" label={t("onboarding.taobaoke.daysWithoutCalls")} extra={t("onboarding.taobaoke.daysHelp")}>
                <InputNumber min={0} style={{ width: "100%" }} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="days_without_transactions" label={t("onboarding.taobaoke.daysWithoutTransactions")} extra={t("onboarding.taobaoke.daysHelp")}>
                <InputNumber min={0} style={{ width: "100%" }} />
              </Form.Item>
            </Col>
          </Row>
          <Button type="primary" onClick={() => void check()}>
            {t("onboarding.taobaoke.check")}
          </Button>
        </Form>
      </Card>
      {checks?.map((c) => <PackageResult key={c.package} check={c} />)}
    </Space>
  );
}
