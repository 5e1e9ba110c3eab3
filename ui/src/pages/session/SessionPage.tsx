/**
 * 授权 Session: everything needed to get a session for the current profile on one screen: its callback
 * URL and what it means, the environment's OAuth endpoints, the page `view` and token route, the four
 * ways to capture a session (the one that fits the callback first and marked), and who is authorized.
 */
import { useEffect, useState } from "react";
import { Alert, Button, Card, Col, Descriptions, Form, Result, Row, Select, Space, Spin, Tabs, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import * as api from "../../api/commands";
import { toIpcFailure } from "../../api/ipc";
import type { CaptureMode } from "../../api/bindings/CaptureMode";
import type { FlowOptions } from "../../api/bindings/FlowOptions";
import type { SessionStatus } from "../../api/bindings/SessionStatus";
import type { TokenRoute } from "../../api/bindings/TokenRoute";
import type { View } from "../../api/bindings/View";
import { useWorkbench } from "../../state/workbench";
import { BrowserMode } from "./BrowserModes";
import { ManualMode, PasteMode } from "./TextModes";
import { SessionError, type SessionProblem } from "./SessionError";
import { StatusCard } from "./StatusCard";

const VIEWS: View[] = ["web", "tmall", "wap"];
const ROUTES: TokenRoute[] = ["token_endpoint", "top_api"];
const MODES: CaptureMode[] = ["local_listener", "in_app_window", "paste", "manual"];

export function SessionPage() {
  const { t } = useTranslation();
  const { currentProfile, navigate, requestCreateProfile } = useWorkbench();
  const profileId = currentProfile?.id;
  // The status and the chosen capture mode belong to one profile: another profile starts without them.
  const [known, setKnown] = useState<{ profileId: number; status: SessionStatus } | null>(null);
  const status = known && known.profileId === profileId ? known.status : null;
  const [chosen, setChosen] = useState<{ profileId: number; mode: CaptureMode } | null>(null);
  const mode = chosen && chosen.profileId === profileId ? chosen.mode : null;
  const [problem, setProblem] = useState<SessionProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const [options, setOptions] = useState<FlowOptions>({ view: "web", route: "token_endpoint" });
  // Bumped by the retry button to ask the core again.
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (profileId === undefined) return;
    let live = true;
    api.sessionStatus(profileId).then(
      (next) => {
        if (!live) return;
        setKnown({ profileId, status: next });
        setProblem(null);
      },
      (raw) => live && setProblem(toIpcFailure(raw)),
    );
    return () => {
      live = false;
    };
  }, [profileId, attempt]);

  if (!currentProfile || profileId === undefined) {
    return (
      <Result
        title={t("session.noProfile")}
        extra={
          <Button
            type="primary"
            onClick={() => {
              requestCreateProfile();
              navigate("profiles");
            }}
          >
            {t("session.createProfile")}
          </Button>
        }
      />
    );
  }
  if (!status) {
    return problem ? (
      <div className="page">
        <SessionError problem={problem} />
        <Button onClick={() => setAttempt((n) => n + 1)}>{t("common.retry")}</Button>
      </div>
    ) : (
      <Spin style={{ display: "block", paddingTop: 80 }} />
    );
  }

  const act = async (run: () => Promise<SessionStatus>) => {
    setBusy(true);
    setProblem(null);
    try {
      setKnown({ profileId, status: await run() });
    } catch (raw) {
      setProblem(toIpcFailure(raw));
    } finally {
      setBusy(false);
    }
  };

  const callback = status.callback;
  const suggested = callback.suggested;
  const activeMode = mode ?? suggested;
  const modeLabel = (key: CaptureMode) => (
    <Space size={4}>
      {t(`session.modeNames.${key}`)}
      {key === suggested && <Tag color="blue">{t("session.suggested")}</Tag>}
    </Space>
  );
  const onSession = (next: SessionStatus) => setKnown({ profileId, status: next });
  const panel = (key: CaptureMode) => {
    switch (key) {
      case "local_listener":
        return <BrowserMode kind="listener" profileId={profileId} options={options} onSession={onSession} />;
      case "in_app_window":
        return <BrowserMode kind="window" profileId={profileId} options={options} onSession={onSession} />;
      case "paste":
        return <PasteMode profileId={profileId} options={options} onSession={onSession} />;
      case "manual":
        return <ManualMode profileId={profileId} onSession={onSession} />;
    }
  };

  return (
    <div className="page" data-testid="session-page">
      <Typography.Title level={3}>{t("session.title", { name: currentProfile.name })}</Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Space direction="vertical" style={{ width: "100%" }} size="middle">
            <Card title={t("session.callback.title")}>
              <Typography.Paragraph type="secondary">{t("session.callback.explain")}</Typography.Paragraph>
              <Descriptions column={1} size="small">
                <Descriptions.Item label={t("session.callback.url")}>
                  {callback.url ? (
                    <Typography.Text code data-testid="callback-url">
                      {callback.url}
                    </Typography.Text>
                  ) : (
                    t("session.callback.none")
                  )}
                </Descriptions.Item>
                {callback.checked && (
                  <Descriptions.Item label={t("session.callback.kind")}>
                    {t(`session.callback.kinds.${callback.checked.kind.kind}`)}
                  </Descriptions.Item>
                )}
              </Descriptions>
              {callback.problem ? (
                <Alert type="warning" showIcon message={callback.problem} />
              ) : callback.checked ? (
                <Alert type="success" showIcon message={t("session.callback.ok")} />
              ) : null}
              <Button type="link" style={{ paddingLeft: 0 }} onClick={() => navigate("profiles")}>
                {t("session.callback.edit")}
              </Button>
            </Card>
            <Card title={t("session.howTo")}>
              <Form layout="inline" style={{ marginBottom: 16 }}>
                <Form.Item label={t("session.view.label")}>
                  <Select<View>
                    aria-label={t("session.view.label")}
                    style={{ width: 160 }}
                    value={options.view}
                    onChange={(view) => setOptions((o) => ({ ...o, view }))}
                    options={VIEWS.map((v) => ({ value: v, label: t(`session.view.${v}`) }))}
                  />
                </Form.Item>
                <Form.Item label={t("session.route.label")}>
                  <Select<TokenRoute>
                    aria-label={t("session.route.label")}
                    style={{ width: 260 }}
                    value={options.route}
                    onChange={(route) => setOptions((o) => ({ ...o, route }))}
                    options={ROUTES.map((r) => ({ value: r, label: t(`session.route.${r}`) }))}
                  />
                </Form.Item>
              </Form>
              <Tabs
                activeKey={activeMode}
                onChange={(key) => setChosen({ profileId, mode: key as CaptureMode })}
                items={MODES.map((key) => ({ key, label: modeLabel(key), children: panel(key) }))}
              />
            </Card>
          </Space>
        </Col>
        <Col xs={24} xl={10}>
          <Space direction="vertical" style={{ width: "100%" }} size="middle">
            <StatusCard
              status={status}
              busy={busy}
              onRefresh={() => void act(() => api.sessionRefresh(profileId))}
              onClear={() => void act(() => api.sessionClear(profileId))}
            />
            {problem && <SessionError problem={problem} />}
            <Card title={t("session.endpoints.title")}>
              <Descriptions column={1} size="small">
                <Descriptions.Item label={t("session.endpoints.authorize")}>
                  <Typography.Text code>{status.authorize_endpoint}</Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label={t("session.endpoints.token")}>
                  <Typography.Text code>{status.token_endpoint}</Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label={t("session.endpoints.tokenApi")}>
                  <Typography.Text code>{status.token_api_endpoint}</Typography.Text>
                </Descriptions.Item>
              </Descriptions>
            </Card>
          </Space>
        </Col>
      </Row>
    </div>
  );
}
