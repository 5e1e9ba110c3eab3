/**
 * 演示脚本 / Demo tour: the whole 旺店通 journey in eight clicks on 下一步, for someone showing the
 * product. Each step is done for real on the local gateway with the demo profile (real calls, real
 * signatures, the real consent page), says what happened, and links to the page where it is done by
 * hand. "Show a failure" sends a call signed once with a wrong AppSecret and shows how the app
 * explains code 25; "Reset" puts the demo profile back as on first launch. No other profile is used.
 */
import { useEffect, useRef, useState } from "react";
import { useLanguageBound } from "../../i18n/useLanguageBound";
import { Alert, App, Button, Card, Col, Popconfirm, Result, Row, Space, Steps, Typography } from "antd";
import { BugOutlined, ExportOutlined, RedoOutlined, StepForwardOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import * as api from "../../api/commands";
import { toIpcFailure, type IpcFailure } from "../../api/ipc";
import type { CallOutcome } from "../../api/bindings/CallOutcome";
import type { FlowView } from "../../api/bindings/FlowView";
import type { SessionFlow } from "../../api/bindings/SessionFlow";
import { useWorkbench } from "../../state/workbench";
import { failureCall, runStep, STEP_IDS, STEP_PAGES, succeeded, type StepId, type StepResult } from "./tourSteps";
import { CallSummary, StepResultView } from "./StepResultView";

type StepState =
  | { at: "waiting" }
  | { at: "running" }
  | { at: "done"; result: StepResult }
  | { at: "failed"; result: StepResult | null; error: IpcFailure | null };

type States = Record<StepId, StepState>;

const fresh = (): States => Object.fromEntries(STEP_IDS.map((id) => [id, { at: "waiting" }])) as States;

const POLL_MS = 1000;
/** How long the tour waits on the consent page before giving up. */
const CONSENT_WAIT_MS = 10 * 60 * 1000;

const STATUS = { waiting: "wait", running: "process", done: "finish", failed: "error" } as const;

export function TourPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { profiles, info, selectProfile, reloadProfiles, navigate, openConsoleWith } = useWorkbench();
  // The first demo profile, as the core's reset finds it; the tour never acts on another one.
  const demo = profiles.find((p) => p.is_demo);
  const [states, setStates] = useState<States>(fresh);
  const [selected, setSelected] = useState(0);
  const [busy, setBusy] = useState(false);
  const [flow, setFlow] = useState<SessionFlow | null>(null);
  const [switched, setSwitched] = useState(false);
  // Explained by the core in the language of the moment: forgotten when the language changes (one
  // click shows it again in the new one).
  const [failure, setFailure] = useLanguageBound<{ outcome: CallOutcome } | { error: IpcFailure }>();
  const [failing, setFailing] = useState(false);
  const [resetting, setResetting] = useState(false);
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const nextIndex = STEP_IDS.findIndex((id) => states[id].at !== "done");
  const finished = nextIndex === -1;
  const scenarioState = states.scenario;
  const scenarioCall = scenarioState.at === "done" && scenarioState.result.kind === "scenario" ? scenarioState.result.call : null;

  /** The demo profile selected, so the pages the tour links to show what it did. */
  const selectDemo = async (id: number) => {
    if (info?.current_profile_id !== id) {
      await selectProfile(id);
      setSwitched(true);
    }
  };

  const waitForFlow = async (flowId: string): Promise<FlowView> => {
    const until = Date.now() + CONSENT_WAIT_MS;
    for (;;) {
      const view = await api.sessionFlowStatus(flowId);
      const state = view.status.state;
      if ((state !== "waiting" && state !== "exchanging") || !alive.current) return view;
      if (Date.now() > until) return api.sessionCancel(flowId);
      await new Promise((resolve) => window.setTimeout(resolve, POLL_MS));
    }
  };

  const next = async () => {
    if (!demo || finished || busy) return;
    const index = nextIndex;
    const id = STEP_IDS[index];
    if (!id) return;
    setBusy(true);
    setSelected(index);
    setStates((s) => ({ ...s, [id]: { at: "running" } }));
    try {
      await selectDemo(demo.id);
      const result = await runStep(id, {
        profileId: demo.id,
        appKey: demo.app_key,
        appName: t("tour.demoAppName"),
        scenarioCall,
        onFlow: setFlow,
        waitForFlow,
      });
      if (!alive.current) return;
      setStates((s) => ({ ...s, [id]: succeeded(result) ? { at: "done", result } : { at: "failed", result, error: null } }));
      // The steps that change the profile (app details, session, scenario) show on the other pages.
      await reloadProfiles();
    } catch (raw) {
      if (alive.current) setStates((s) => ({ ...s, [id]: { at: "failed", result: null, error: toIpcFailure(raw) } }));
    } finally {
      if (alive.current) {
        setBusy(false);
        setFlow(null);
      }
    }
  };

  const showFailure = async () => {
    if (!demo) return;
    setFailing(true);
    try {
      await selectDemo(demo.id);
      const outcome = await api.callSend(failureCall({ profileId: demo.id, scenarioCall }));
      setFailure({ outcome });
    } catch (raw) {
      setFailure({ error: toIpcFailure(raw) });
    } finally {
      setFailing(false);
    }
  };

  const reset = async () => {
    setResetting(true);
    try {
      if (flow) await api.sessionCancel(flow.flow_id).catch(() => undefined);
      const view = await api.demoReset();
      await reloadProfiles();
      await selectProfile(view.id);
      setStates(fresh());
      setSelected(0);
      setFailure(null);
      setSwitched(false);
      message.success(t("tour.resetDone"));
    } catch (raw) {
      message.error(toIpcFailure(raw).message);
    } finally {
      setResetting(false);
    }
  };

  const cancelConsent = async () => {
    if (flow) await api.sessionCancel(flow.flow_id).catch(() => undefined);
  };

  const errorText = (error: IpcFailure | null) => {
    if (!error) return t("tour.errors.callFailed");
    if (error.code.startsWith("tour.")) return t(`tour.errors.${error.code.slice(5)}`);
    return error.message;
  };

  if (!demo) {
    return (
      <div className="page" data-testid="tour-page">
        <Result
          status="info"
          title={t("tour.noDemo.title")}
          subTitle={t("tour.noDemo.text")}
          extra={
            <Button type="primary" loading={resetting} onClick={() => void reset()}>
              {t("tour.noDemo.restore")}
            </Button>
          }
        />
      </div>
    );
  }

  const selectedId = STEP_IDS[selected] ?? "appType";
  const selectedState = states[selectedId];
  const openPage = () => {
    const result = selectedState.at === "done" || selectedState.at === "failed" ? selectedState.result : null;
    if (result && (result.kind === "call" || result.kind === "goLive")) openConsoleWith(result.call);
    else navigate(STEP_PAGES[selectedId]);
  };

  return (
    <div className="page" data-testid="tour-page">
      <Typography.Title level={3}>{t("tour.title")}</Typography.Title>
      <Typography.Paragraph type="secondary">{t("tour.intro")}</Typography.Paragraph>
      {switched && <Alert type="info" showIcon closable style={{ marginBottom: 16 }} message={t("tour.switched")} />}
      <Space wrap style={{ marginBottom: 16 }}>
        <Button
          type="primary"
          size="large"
          icon={<StepForwardOutlined />}
          loading={busy}
          disabled={finished}
          onClick={() => void next()}
          data-testid="tour-next"
        >
          {finished ? t("tour.finished") : nextIndex === 0 ? t("tour.start") : t("tour.next")}
        </Button>
        <Button size="large" icon={<BugOutlined />} loading={failing} disabled={busy} onClick={() => void showFailure()} data-testid="tour-failure">
          {t("tour.failure.button")}
        </Button>
        <Popconfirm title={t("tour.reset.confirm")} description={t("tour.reset.what")} okText={t("tour.reset.ok")} cancelText={t("common.cancel")} onConfirm={() => reset()}>
          <Button size="large" icon={<RedoOutlined />} loading={resetting} disabled={busy} data-testid="tour-reset">
            {t("tour.reset.button")}
          </Button>
        </Popconfirm>
      </Space>
      <Row gutter={[24, 16]}>
        <Col xs={24} xl={8}>
          <Steps
            direction="vertical"
            size="small"
            current={selected}
            onChange={setSelected}
            items={STEP_IDS.map((id) => ({
              title: t(`tour.steps.${id}.title`),
              description: t(`tour.steps.${id}.short`),
              status: STATUS[states[id].at],
            }))}
          />
        </Col>
        <Col xs={24} xl={16}>
          <Space direction="vertical" size={16} style={{ width: "100%" }}>
            <Card
              title={t(`tour.steps.${selectedId}.title`)}
              data-testid="tour-step-panel"
              extra={
                <Button type="link" icon={<ExportOutlined />} onClick={openPage}>
                  {t("tour.openPage")}
                </Button>
              }
            >
              <Typography.Paragraph>{t(`tour.steps.${selectedId}.explain`)}</Typography.Paragraph>
              {selectedState.at === "running" && selectedId === "session" && flow && (
                <Alert
                  type="info"
                  showIcon
                  data-testid="tour-consent-waiting"
                  message={t("tour.consent.waiting")}
                  description={
                    <Space direction="vertical">
                      <Typography.Text copyable={{ text: flow.url }} code style={{ wordBreak: "break-all" }}>
                        {flow.url}
                      </Typography.Text>
                      <Button danger onClick={() => void cancelConsent()}>
                        {t("common.cancel")}
                      </Button>
                    </Space>
                  }
                />
              )}
              {selectedState.at === "waiting" && <Typography.Text type="secondary">{t("tour.notYet")}</Typography.Text>}
              {selectedState.at === "failed" && !selectedState.result && (
                <Alert type="error" showIcon data-testid="tour-step-error" message={errorText(selectedState.error)} />
              )}
              {(selectedState.at === "done" || selectedState.at === "failed") && selectedState.result && (
                <StepResultView result={selectedState.result} />
              )}
            </Card>
            {failure && (
              <Card title={t("tour.failure.title")} data-testid="tour-failure-panel">
                <Typography.Paragraph>{t("tour.failure.explain")}</Typography.Paragraph>
                {"outcome" in failure ? (
                  <CallSummary outcome={failure.outcome} testId="tour-failure-call" />
                ) : (
                  <Alert type="error" showIcon message={failure.error.message} />
                )}
              </Card>
            )}
          </Space>
        </Col>
      </Row>
    </div>
  );
}
