/**
 * The tracker of the current profile: every step from qualification to go-live, what to do and where,
 * what this app does for you there, the expected wait, and the state the user sets (saved by the core).
 * Steps the app can see (scenario, session, self-test, joint test) advance by themselves, with a link
 * to what the app saw; a state set by hand wins until it is reset to automatic.
 */
import { useEffect, useState } from "react";
import { Alert, Button, Card, Empty, Progress, Select, Space, Tag, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import * as api from "../../api/commands";
import { toIpcFailure, type IpcFailure } from "../../api/ipc";
import type { OnboardingView } from "../../api/bindings/OnboardingView";
import type { StepView } from "../../api/bindings/StepView";
import type { StepStateInput } from "../../api/bindings/StepStateInput";
import type { StepEvidence } from "../../api/bindings/StepEvidence";
import { formatPlatformTime } from "../../components/format";
import { useProfileName, useWorkbench } from "../../state/workbench";
import { DocLinks, SourceLink, useText, useWaitText } from "./shared";
import type { OnboardingTab } from "./OnboardingPage";
import { NextStepOverview } from "./NextStepOverview";
import { useShowError } from "../../components/errors";

type StateKey = StepStateInput["state"];

/** What the app saw that makes a step done, as a link to it: the history entry, the session page or the scenarios. */
function EvidenceLink({ stepId, evidence, openTab }: { stepId: string; evidence: StepEvidence; openTab: (tab: OnboardingTab) => void }) {
  const { t } = useTranslation();
  const wb = useWorkbench();
  const loc = useText();
  const open = () => {
    if (evidence.kind === "call" && evidence.history_id !== null) wb.openHistoryEntry(evidence.history_id);
    else if (evidence.kind === "session") wb.navigate("session");
    else if (evidence.kind === "scenario") openTab("scenarios");
  };
  const hint =
    evidence.kind === "call" ? t("onboarding.tracker.evidenceOpenCall") : evidence.kind === "session" ? t("onboarding.tracker.evidenceOpenSession") : t("onboarding.tracker.evidenceOpenScenario");
  return (
    <Space wrap size={4} data-testid={`evidence-${stepId}`}>
      <Typography.Text type="secondary">{t("onboarding.tracker.evidence")}:</Typography.Text>
      <Tooltip title={hint}>
        <Typography.Link onClick={open} data-testid={`evidence-link-${stepId}`}>
          {loc(evidence.label)}
          {evidence.kind === "call" && evidence.history_id !== null ? ` · #${evidence.history_id}` : ""}
        </Typography.Link>
      </Tooltip>
      {evidence.at && <Typography.Text type="secondary">{formatPlatformTime(evidence.at)}</Typography.Text>}
    </Space>
  );
}

/** "自动" / "手动" for a step the app follows, and the way back to automatic. */
function SourceTag({ step, onSet }: { step: StepView; onSet: (state: StateKey) => void }) {
  const { t } = useTranslation();
  if (!step.auto_tracked) return null;
  if (step.set_by_hand)
    return (
      <Space size={4}>
        <Tooltip title={t("onboarding.tracker.manualHint")}>
          <Tag color="orange" data-testid={`source-${step.id}`}>
            {t("onboarding.tracker.manual")}
          </Tag>
        </Tooltip>
        <Button size="small" type="link" style={{ paddingInline: 0 }} onClick={() => onSet("automatic")} data-testid={`reset-${step.id}`}>
          {t("onboarding.tracker.resetAuto")}
        </Button>
      </Space>
    );
  return (
    <Tooltip title={t("onboarding.tracker.autoHint")}>
      <Tag color={step.evidence ? "green" : "default"} data-testid={`source-${step.id}`}>
        {t("onboarding.tracker.auto")}
      </Tag>
    </Tooltip>
  );
}

function StepActionButton({ step, openTab }: { step: StepView; openTab: (tab: OnboardingTab) => void }) {
  const { t } = useTranslation();
  const wb = useWorkbench();
  const action = step.action;
  switch (action.kind) {
    case "materials_checklist":
      return <Button onClick={() => openTab("materials")}>{t("onboarding.action.materials")}</Button>;
    case "app_details":
      return <Button onClick={() => openTab("app_details")}>{t("onboarding.action.appDetails")}</Button>;
    case "choose_scenario":
      return <Button onClick={() => openTab("scenarios")}>{t("onboarding.action.scenario")}</Button>;
    case "test_console": {
      const call = action.preset?.call;
      return (
        <Button onClick={() => (call ? wb.openConsoleWith(call) : wb.navigate("console"))}>{t("onboarding.action.console")}</Button>
      );
    }
    case "joint_test_preset": {
      const call = action.preset.call;
      return call ? <Button onClick={() => wb.openConsoleWith(call)}>{t("onboarding.action.jointTest")}</Button> : null;
    }
    case "session_page":
      return <Button onClick={() => wb.navigate("session")}>{t("onboarding.action.session")}</Button>;
    default:
      return null;
  }
}

function StepCard({
  step,
  onSet,
  openTab,
}: {
  step: StepView;
  onSet: (state: StateKey) => void;
  openTab: (tab: OnboardingTab) => void;
}) {
  const { t } = useTranslation();
  const loc = useText();
  const waitText = useWaitText();
  const options: { value: StateKey; label: string }[] = [
    { value: "not_started", label: t("onboarding.state.not_started") },
    { value: "in_progress", label: t("onboarding.state.in_progress") },
    ...(step.expected_wait ? [{ value: "waiting_for_review" as const, label: t("onboarding.state.waiting_for_review") }] : []),
    { value: "done", label: t("onboarding.state.done") },
    ...(step.skippable ? [{ value: "skipped" as const, label: t("onboarding.state.skipped") }] : []),
  ];
  return (
    <Card
      size="small"
      data-testid={`step-${step.id}`}
      style={step.is_next ? { borderColor: "#1677ff", boxShadow: "0 0 0 2px rgba(22,119,255,0.2)" } : undefined}
      title={
        <Space wrap>
          <span>
            {step.number}. {loc(step.title)}
          </span>
          <SourceLink document="003" source={step.source} />
          {step.is_next && <Tag color="blue">{t("onboarding.tracker.next")}</Tag>}
          <SourceTag step={step} onSet={onSet} />
        </Space>
      }
      extra={
        <Select<StateKey>
          aria-label={t("onboarding.tracker.stateOf", { title: loc(step.title) })}
          style={{ width: 170 }}
          value={step.state.state}
          options={options}
          onChange={onSet}
        />
      }
    >
      <ul style={{ margin: 0, paddingLeft: 20 }}>
        {step.todo.map((line) => (
          <li key={line.zh}>{loc(line)}</li>
        ))}
      </ul>
      {step.skippable && <Typography.Text type="secondary">{loc(step.skippable)}</Typography.Text>}
      {step.action.kind === "joint_test_preset" && (
        <Typography.Paragraph type="secondary" style={{ margin: "8px 0 0" }} data-testid="joint-test-note">
          {loc(step.action.preset.note)}
        </Typography.Paragraph>
      )}
      {step.evidence && (
        <div style={{ marginTop: 8 }}>
          <EvidenceLink stepId={step.id} evidence={step.evidence} openTab={openTab} />
          {step.set_by_hand && step.state.state !== "done" && (
            <div>
              <Typography.Text type="warning">{t("onboarding.tracker.manualWins")}</Typography.Text>
            </div>
          )}
        </div>
      )}
      <Space wrap style={{ marginTop: 8 }}>
        <DocLinks links={step.links} />
        <StepActionButton step={step} openTab={openTab} />
        {step.expected_wait && (
          <Tag>
            {t("onboarding.tracker.expectedWait")}: {waitText(step.expected_wait)}
          </Tag>
        )}
      </Space>
      {step.state.state === "waiting_for_review" && step.waiting && (
        <Alert
          style={{ marginTop: 8 }}
          type={step.waiting.overdue ? "warning" : "info"}
          showIcon
          message={`${t("onboarding.tracker.waitingSince", { date: step.waiting.since })} · ${loc(step.waiting.text)}`}
        />
      )}
    </Card>
  );
}

export function TrackerTab({ openTab }: { openTab: (tab: OnboardingTab) => void }) {
  const { t } = useTranslation();
  const showError = useShowError();
  const { currentProfile, language } = useWorkbench();
  const profileName = useProfileName();
  const loc = useText();
  const [view, setView] = useState<OnboardingView | null>(null);
  const [error, setError] = useState<IpcFailure | null>(null);
  const profileId = currentProfile?.id;

  useEffect(() => {
    if (profileId === undefined) return;
    let live = true;
    api.onboardingGet(profileId).then(
      (next) => {
        if (!live) return;
        setView(next);
        setError(null);
      },
      (raw) => live && setError(toIpcFailure(raw)),
    );
    return () => {
      live = false;
    };
    // Asked again when the language changes: a failure's text comes from the core in the old language.
  }, [profileId, language]);

  if (profileId === undefined) return <Empty description={t("onboarding.noProfile")} />;
  if (error)
    return (
      <Space direction="vertical" style={{ width: "100%" }}>
        <NextStepOverview refreshKey={error} />
        <Alert type="error" showIcon message={error.message} />
      </Space>
    );
  if (!view) return <NextStepOverview refreshKey={null} />;

  const set = async (stepId: string, state: StateKey) => {
    const input: StepStateInput = state === "waiting_for_review" ? { state, since: null } : { state };
    try {
      setView(await api.onboardingSetStep(profileId, stepId, input));
    } catch (raw) {
      showError(raw);
    }
  };

  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <NextStepOverview refreshKey={view} />
      <Space wrap>
        <Typography.Text strong>{profileName(view.profile_id, view.profile_name)}</Typography.Text>
        <Progress type="line" style={{ width: 240 }} percent={Math.round((view.finished / Math.max(view.total, 1)) * 100)} />
        <Typography.Text data-testid="tracker-finished">
          {t("onboarding.tracker.finished", { finished: view.finished, total: view.total })}
        </Typography.Text>
      </Space>
      {view.next ? (
        <Alert
          type="info"
          showIcon
          data-testid="tracker-next"
          message={t("onboarding.tracker.nextIs", { number: view.next.number, title: loc(view.next.title) })}
          description={view.next.waiting ? loc(view.next.waiting.text) : undefined}
        />
      ) : (
        <Alert type="success" showIcon message={t("onboarding.tracker.allDone")} />
      )}
      {view.steps.map((step) => (
        <StepCard key={step.id} step={step} openTab={openTab} onSet={(state) => void set(step.id, state)} />
      ))}
    </Space>
  );
}
