/**
 * The two modes where this app sees the redirect itself: the local listener (system browser, the app
 * listens on the loopback callback) and the in-app window (the shell intercepts the navigation to the
 * callback). Both show a waiting state with cancel until the flow ends.
 */
import { useEffect, useEffectEvent, useRef, useState } from "react";
import { Alert, Button, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import * as api from "../../api/commands";
import { toIpcFailure } from "../../api/ipc";
import type { FlowOptions } from "../../api/bindings/FlowOptions";
import type { FlowView } from "../../api/bindings/FlowView";
import type { SessionFlow } from "../../api/bindings/SessionFlow";
import type { SessionStatus } from "../../api/bindings/SessionStatus";
import { SessionError, type SessionProblem } from "./SessionError";
import { formatLeft } from "./sessionErrors";
import { useOpenExternal } from "../../components/links";

/** The listener gives up after five minutes; the page counts down the same. */
const LISTEN_SECONDS = 300;
const POLL_MS = 1000;

interface Props {
  kind: "listener" | "window";
  profileId: number;
  options: FlowOptions;
  onSession: (status: SessionStatus) => void;
}

type Phase =
  | { at: "idle" }
  | { at: "starting" }
  | { at: "waiting"; flow: SessionFlow; since: number }
  | { at: "done"; nick: string | null }
  | { at: "cancelled" }
  | { at: "failed"; problem: SessionProblem };

export function BrowserMode({ kind, profileId, options, onSession }: Props) {
  const { t } = useTranslation();
  const openExternal = useOpenExternal();
  const [phase, setPhase] = useState<Phase>({ at: "idle" });
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const finish = (view: FlowView) => {
    if (!alive.current) return;
    const status = view.status;
    if (status.state === "done") {
      setPhase({ at: "done", nick: view.session?.user_nick ?? null });
      if (view.session) onSession(view.session);
    } else if (status.state === "failed") {
      setPhase({ at: "failed", problem: { code: status.code, message: status.message } });
    } else if (status.state === "cancelled") {
      setPhase({ at: "cancelled" });
    }
  };

  const waiting = phase.at === "waiting" ? phase : null;
  // Whole seconds waited, counted from the moment the wait began.
  const [waited, setWaited] = useState({ since: 0, seconds: 0 });
  const secondsWaited = waiting && waited.since === waiting.since ? waited.seconds : 0;
  useEffect(() => {
    if (!waiting) return;
    const timer = window.setInterval(
      () => setWaited({ since: waiting.since, seconds: Math.floor((Date.now() - waiting.since) / 1000) }),
      1000,
    );
    return () => window.clearInterval(timer);
  }, [waiting]);

  // The poll follows the flow alone; what an ended flow means is read from the latest render.
  const onPolled = useEffectEvent((view: FlowView) => finish(view));

  // The app window reports through the flow: ask where it stands until it ends.
  useEffect(() => {
    if (!waiting || kind !== "window") return;
    const timer = window.setInterval(() => {
      api
        .sessionFlowStatus(waiting.flow.flow_id)
        .then((view) => {
          if (view.status.state !== "waiting" && view.status.state !== "exchanging") onPolled(view);
        })
        .catch((raw) => alive.current && setPhase({ at: "failed", problem: toIpcFailure(raw) }));
    }, POLL_MS);
    return () => window.clearInterval(timer);
  }, [waiting, kind]);

  const start = async () => {
    setPhase({ at: "starting" });
    try {
      if (kind === "listener") {
        const flow = await api.sessionStartListener(profileId, options);
        setPhase({ at: "waiting", flow, since: Date.now() });
        // The browser is a convenience: if it cannot open, the toast says so and the link on the page still works.
        openExternal(flow.url);
        finish(await api.sessionFlowWait(flow.flow_id));
      } else {
        const flow = await api.sessionOpenWindow(profileId, options);
        setPhase({ at: "waiting", flow, since: Date.now() });
      }
    } catch (raw) {
      if (alive.current) setPhase({ at: "failed", problem: toIpcFailure(raw) });
    }
  };

  const cancel = async (flowId: string) => {
    try {
      const view = await api.sessionCancel(flowId);
      // The listener's wait ends on its own with `cancelled`; the window poll sees it too.
      finish(view);
    } catch (raw) {
      setPhase({ at: "failed", problem: toIpcFailure(raw) });
    }
  };

  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Typography.Paragraph type="secondary">{t(`session.modes.${kind}.help`)}</Typography.Paragraph>
      {waiting ? (
        <Alert
          type="info"
          showIcon
          data-testid="session-waiting"
          message={t(`session.modes.${kind}.waiting`)}
          description={
            <Space direction="vertical">
              {waiting.flow.listening_on && (
                <span>{t("session.modes.listener.listeningOn", { address: waiting.flow.listening_on })}</span>
              )}
              {kind === "listener" && (
                <span>
                  {t("session.modes.listener.timeLeft", {
                    left: formatLeft(LISTEN_SECONDS - secondsWaited, t),
                  })}
                </span>
              )}
              <Typography.Text copyable={{ text: waiting.flow.url }} data-testid="authorize-url" code>
                {waiting.flow.url}
              </Typography.Text>
              <Space>
                {kind === "listener" && (
                  <Button onClick={() => openExternal(waiting.flow.url)}>
                    {t("session.modes.listener.openAgain")}
                  </Button>
                )}
                <Button danger onClick={() => void cancel(waiting.flow.flow_id)}>
                  {t("common.cancel")}
                </Button>
              </Space>
            </Space>
          }
        />
      ) : (
        <Button type="primary" loading={phase.at === "starting"} onClick={() => void start()}>
          {t(`session.modes.${kind}.start`)}
        </Button>
      )}
      {phase.at === "done" && (
        <Alert type="success" showIcon data-testid="session-done" message={t("session.done", { nick: phase.nick ?? "" })} />
      )}
      {phase.at === "cancelled" && <Alert type="warning" showIcon message={t("session.cancelled")} />}
      {phase.at === "failed" && <SessionError problem={phase.problem} />}
    </Space>
  );
}
