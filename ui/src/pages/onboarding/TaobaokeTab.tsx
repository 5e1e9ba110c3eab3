/**
 * The Taobaoke checker (document 002): the user's figures in, per package the verdict, every rule with
 * what passed and by how much a figure falls short, the prerequisite chain, how to apply and how long,
 * and what would take the permission away again. The judging is the core's. An application sent for
 * an invitation-only package is followed per profile against its 10–15 working days. This is its own
 * journey: nothing here is part of connecting to 旺店通.
 */
import { useCallback, useEffect, useState } from "react";
import { Alert, Button, Card, Col, Collapse, DatePicker, Form, InputNumber, Row, Select, Space, Tag, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import * as api from "../../api/commands";
import type { TaobaokeCatalogView } from "../../api/bindings/TaobaokeCatalogView";
import type { TaobaokeFigures } from "../../api/bindings/TaobaokeFigures";
import type { PackageCheck } from "../../api/bindings/PackageCheck";
import type { Figure } from "../../api/bindings/Figure";
import type { PackageId } from "../../api/bindings/PackageId";
import type { CheckResult } from "../../api/bindings/CheckResult";
import type { TaobaokeApplicationsView } from "../../api/bindings/TaobaokeApplicationsView";
import type { TaobaokeLocalApis } from "../../api/bindings/TaobaokeLocalApis";
import type { SourceRef } from "../../api/bindings/SourceRef";
import { useWorkbench } from "../../state/workbench";
import { DocLinks, SourceLink, useText, useWaitText } from "./shared";
import { useShowError } from "../../components/errors";

const YES_NO_FIGURES: Figure[] = ["filed_and_approved", "taodianjin_deployed", "is_rebate_site", "is_entry_site", "is_daigou_site", "is_platform_media"];
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
  is_platform_media: null,
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

/**
 * The short tag beside a failed number: how much is missing for "at least" rules; for strict bounds
 * ("< 18") the bound itself, since at the boundary "0 short" would read as met.
 */
function ShortfallTag({ check }: { check: CheckResult }) {
  const { t } = useTranslation();
  if (check.shortfall === null) return null;
  const text =
    check.op === "lt" || check.op === "le"
      ? t("onboarding.taobaoke.mustBeBelow", { threshold: check.threshold })
      : check.op === "gt"
        ? t("onboarding.taobaoke.mustBeAbove", { threshold: check.threshold })
        : t("onboarding.taobaoke.shortfall", { value: check.shortfall });
  return (
    <Tag color="red" style={{ marginLeft: 6 }} data-testid={`shortfall-${check.field}`}>
      {text}
    </Tag>
  );
}

function verdictLabel(check: PackageCheck): string {
  // An invitation-only package is never just "eligible": meeting the rules is not being invited.
  if (check.invitation_only && (check.verdict === "eligible" || check.verdict === "eligible_after_prerequisites")) {
    return `onboarding.taobaoke.verdict.${check.verdict}_invitation`;
  }
  return `onboarding.taobaoke.verdict.${check.verdict}`;
}

function PackageResult({ check, localApis, source }: { check: PackageCheck; localApis?: TaobaokeLocalApis; source: SourceRef | null }) {
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
          <Tag color={VERDICT_COLOR[check.verdict]} data-testid={`verdict-${check.package}`}>
            {t(verdictLabel(check))}
          </Tag>
        </Space>
      }
      extra={<SourceLink document="002" source={source} />}
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
                      <ShortfallTag check={c} />
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
      {localApis && localApis.methods.length > 0 && (
        <Typography.Paragraph data-testid={`local-apis-${check.package}`}>
          {t("onboarding.taobaoke.localApis")}:{" "}
          {localApis.methods.map((m) => (
            <Typography.Text code key={m}>
              {m}
            </Typography.Text>
          ))}{" "}
          <Tag>{t("onboarding.notInDocument")}</Tag>
          <Typography.Text type="secondary">{loc(localApis.origin)}</Typography.Text>
        </Typography.Paragraph>
      )}
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

/**
 * Following an application per profile: the day the form went out, then working days gone and left
 * against the document's 10–15. Only the invitation-only packages wait; the basic one answers at once.
 */
function ApplicationTracker({ packages }: { packages: { value: PackageId; label: string }[] }) {
  const { t } = useTranslation();
  const showError = useShowError();
  const loc = useText();
  const { currentProfile } = useWorkbench();
  const profileId = currentProfile?.id;
  const [view, setView] = useState<TaobaokeApplicationsView | null>(null);
  const [pick, setPick] = useState<PackageId | undefined>(undefined);
  const [day, setDay] = useState<Dayjs | null>(null);

  const run = useCallback(
    async (action: () => Promise<TaobaokeApplicationsView>) => {
      try {
        setView(await action());
      } catch (raw) {
        showError(raw);
      }
    },
    [showError],
  );
  useEffect(() => {
    if (profileId === undefined) return;
    let live = true;
    api.taobaokeApplicationsGet(profileId).then((next) => live && setView(next), showError);
    return () => {
      live = false;
    };
  }, [profileId, showError]);
  if (profileId === undefined) return null;
  const waiting = packages.filter((p) => p.value !== "basic");

  return (
    <Card size="small" title={t("onboarding.taobaoke.tracking.title")} data-testid="taobaoke-tracking">
      <Typography.Paragraph type="secondary">{t("onboarding.taobaoke.tracking.intro")}</Typography.Paragraph>
      {view?.applications.map((a) => (
        <Space key={a.package} wrap style={{ display: "flex", marginBottom: 8 }} data-testid={`application-${a.package}`}>
          <Typography.Text strong>{loc(a.name)}</Typography.Text>
          <Tag color={a.overdue ? "warning" : "processing"}>
            {t("onboarding.taobaoke.tracking.clock", { elapsed: a.elapsed, min: a.remaining_min, max: a.remaining_max })}
          </Tag>
          <Typography.Text type="secondary">{loc(a.text)}</Typography.Text>
          <Button size="small" onClick={() => void run(() => api.taobaokeApplicationSet(profileId, a.package, null, true))}>
            {t("onboarding.taobaoke.tracking.withdraw")}
          </Button>
        </Space>
      ))}
      <Space wrap>
        <Select
          aria-label={t("onboarding.taobaoke.tracking.package")}
          placeholder={t("onboarding.taobaoke.tracking.package")}
          style={{ width: 200 }}
          value={pick}
          onChange={setPick}
          options={waiting}
        />
        <DatePicker aria-label={t("onboarding.taobaoke.tracking.appliedOn")} value={day} onChange={setDay} placeholder={t("onboarding.taobaoke.tracking.today")} />
        <Button
          type="primary"
          disabled={!pick}
          onClick={() => pick && void run(() => api.taobaokeApplicationSet(profileId, pick, day ? day.format("YYYY-MM-DD") : null, false))}
        >
          {t("onboarding.taobaoke.tracking.record")}
        </Button>
      </Space>
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
  const figureHelp = (field: Figure, unit: string | null) =>
    field === "is_platform_media" ? t("onboarding.taobaoke.platformMediaHelp") : unit ? `${t("onboarding.taobaoke.unit")}: ${unit}` : undefined;

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
                <Form.Item name={figure.field} label={loc(figure.label)} extra={figureHelp(figure.field, figure.unit ? loc(figure.unit) : null)}>
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
      {checks?.map((c) => (
        <PackageResult
          key={c.package}
          check={c}
          localApis={catalog.local_apis.find((l) => l.package === c.package)}
          source={rules.packages.find((p) => p.id === c.package)?.source ?? null}
        />
      ))}
      <ApplicationTracker packages={packageOptions} />
      <Collapse
        data-testid="taobaoke-faq"
        items={[
          {
            key: "revocation",
            label: t("onboarding.taobaoke.revocationMeaning"),
            children: (
              <>
                <Typography.Paragraph>{loc(rules.revocation.meaning)}</Typography.Paragraph>
                <ul style={{ paddingLeft: 20 }}>
                  {rules.revocation.rules.map((r) => (
                    <li key={r.kind}>
                      {loc(r.text)} <DocLinks links={r.links} />
                    </li>
                  ))}
                </ul>
                <SourceLink document="002" source={rules.revocation.source} />
              </>
            ),
          },
          {
            key: "faq",
            label: t("onboarding.taobaoke.faq"),
            children: rules.faq.map((f) => (
              <div key={f.question.zh} style={{ marginBottom: 8 }}>
                <Typography.Text strong>{loc(f.question)}</Typography.Text>
                <Typography.Paragraph>{loc(f.answer)}</Typography.Paragraph>
              </div>
            )),
          },
        ]}
      />
    </Space>
  );
}
