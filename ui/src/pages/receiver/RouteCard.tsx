/**
 * 网关转发: the local gateway forwards Qimen calls naming a customerId / target_app_key to this
 * receiver, set here instead of in a TOML file; and one click sends a real call from the console
 * through it, with the console's answer beside it — the whole round trip on one machine.
 */
import { useState } from "react";
import { Alert, Button, Card, Form, Input, Space, Tag, Typography } from "antd";
import { ExperimentOutlined, LinkOutlined, SendOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import * as api from "../../api/commands";
import { toIpcFailure } from "../../api/ipc";
import type { CallInput } from "../../api/bindings/CallInput";
import type { CallOutcome } from "../../api/bindings/CallOutcome";
import type { ReceiverStatus } from "../../api/bindings/ReceiverStatus";
import { CodeView } from "../../components/CodeView";
import { useShowError } from "../../components/errors";
import { detectLanguage } from "../../components/format";
import { blankToNull } from "../../components/forms";
import { Term } from "../../components/Term";
import { useWorkbench } from "../../state/workbench";

/** The call the try button sends: a Qimen standard API, routed by customerId. */
export const TRY_API = "taobao.qimen.entryorder.create";

/** The console's call for TRY_API with the catalogue's example body, to the local gateway, naming `customerId`. */
export function tryCall(body: string | null, customerId: string): CallInput {
  return {
    profile_id: null,
    environment_id: "local",
    method: TRY_API,
    family: null,
    sign_method: "md5",
    format: null,
    params: [],
    body,
    target_app_key: null,
    customer_id: customerId,
    use_session: false,
    wdt: { compute: false },
  };
}

/** The field a refused route names: the customerId for both of the core's route codes. */
const ROUTE_CODES = ["validation.receiver.customer_id", "validation.receiver.route"];

function TryAnswer({ outcome }: { outcome: CallOutcome }) {
  const { t } = useTranslation();
  const result = outcome.result;
  const body = outcome.response?.body ?? "";
  const summary = [result?.flag, result?.code, result?.message].filter((part) => part !== null && part !== undefined && part !== "").join(" · ");
  return (
    <Space direction="vertical" size={8} style={{ width: "100%" }} data-testid="receiver-try-answer">
      <Space wrap>
        {result?.success ? <Tag color="success">{t("receiver.answerSuccess")}</Tag> : <Tag color="error">{t("receiver.answerFailure")}</Tag>}
        {summary !== "" && <Typography.Text className="mono">{summary}</Typography.Text>}
        {outcome.response && <Typography.Text type="secondary">{`HTTP ${outcome.response.status} · ${outcome.response.latency_ms} ms`}</Typography.Text>}
      </Space>
      {outcome.network_error && <Alert type="error" showIcon message={outcome.network_error.message} />}
      {outcome.explanation && <Typography.Text type="secondary">{outcome.explanation.title}</Typography.Text>}
      {body !== "" && (
        // As tall as the answer, up to a few lines.
        <div style={{ maxHeight: 180, overflow: "auto" }}>
          <CodeView value={body} language={detectLanguage(outcome.response?.content_type, body)} height="auto" ariaLabel={t("receiver.consoleAnswer")} />
        </div>
      )}
    </Space>
  );
}

export function RouteCard({ status, onStatus }: { status: ReceiverStatus | null; onStatus: (status: ReceiverStatus) => void }) {
  const { t } = useTranslation();
  const showError = useShowError();
  const wb = useWorkbench();
  const [customerId, setCustomerId] = useState("");
  const [targetAppKey, setTargetAppKey] = useState("");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [busy, setBusy] = useState<"set" | "clear" | "try" | null>(null);
  const [outcome, setOutcome] = useState<CallOutcome | null>(null);
  const route = status?.route ?? null;
  const routeKey = `${route?.customer_id ?? ""}\n${route?.target_app_key ?? ""}`;

  // The fields show the saved route whenever it changes (first load, register, unregister).
  const [shownRoute, setShownRoute] = useState<string | null>(null);
  if (status !== null && shownRoute !== routeKey) {
    setShownRoute(routeKey);
    setCustomerId(route?.customer_id ?? "");
    setTargetAppKey(route?.target_app_key ?? "");
  }

  const change = async (kind: "set" | "clear", work: () => Promise<ReceiverStatus>) => {
    setBusy(kind);
    setFieldError(null);
    try {
      onStatus(await work());
    } catch (raw) {
      const failure = toIpcFailure(raw);
      if (ROUTE_CODES.includes(failure.code)) setFieldError(failure.message);
      else showError(failure);
    } finally {
      setBusy(null);
    }
  };

  const doc = wb.catalogue.find((entry) => entry.name === TRY_API);
  const call = route?.customer_id ? tryCall(doc?.body_example ?? null, route.customer_id) : null;
  const active = status?.running === true && route !== null;

  const send = async (input: CallInput) => {
    setBusy("try");
    try {
      setOutcome(await api.callSend(input));
    } catch (raw) {
      showError(raw);
    } finally {
      setBusy(null);
    }
  };

  const what = [
    route?.customer_id ? `customerId = ${route.customer_id}` : null,
    route ? `target_app_key = ${route.target_app_key ?? status?.route_app_key ?? ""}` : null,
  ].filter((part) => part !== null);

  return (
    <Card title={t("receiver.routeTitle")} style={{ marginBottom: 16 }} data-testid="receiver-route">
      <Typography.Paragraph type="secondary">{t("receiver.routeHelp")}</Typography.Paragraph>
      <Form layout="vertical" style={{ display: "flex", flexWrap: "wrap", columnGap: 24 }}>
        <Form.Item
          label={<Term name="customerId" />}
          extra={t("receiver.customerIdHelp")}
          validateStatus={fieldError ? "error" : undefined}
          help={fieldError ?? undefined}
          style={{ width: 340, marginBottom: 12 }}
        >
          <Input value={customerId} onChange={(e) => setCustomerId(e.target.value)} placeholder="WH-DEMO-01" aria-label="customerId" data-testid="receiver-customer-id" />
        </Form.Item>
        <Form.Item label={<Term name="targetAppKey" />} extra={t("receiver.targetAppKeyHelp", { appKey: status?.route_app_key ?? "—" })} style={{ width: 340, marginBottom: 12 }}>
          <Input value={targetAppKey} onChange={(e) => setTargetAppKey(e.target.value)} aria-label="target_app_key" data-testid="receiver-target-app-key" />
        </Form.Item>
      </Form>
      <Space wrap>
        <Button
          type="primary"
          loading={busy === "set"}
          onClick={() => void change("set", () => api.receiverRouteSet({ customer_id: blankToNull(customerId), target_app_key: blankToNull(targetAppKey) }))}
          data-testid="receiver-route-set"
        >
          {t("receiver.register")}
        </Button>
        {route && (
          <Button loading={busy === "clear"} onClick={() => void change("clear", api.receiverRouteClear)} data-testid="receiver-route-clear">
            {t("receiver.unregister")}
          </Button>
        )}
      </Space>
      {route && (
        <Alert
          style={{ marginTop: 12 }}
          type={active ? "success" : "info"}
          showIcon
          data-testid="receiver-route-state"
          message={
            active ? t("receiver.routeActive", { gateway: status?.gateway_url ?? wb.info?.gateway_url ?? "", what: what.join(t("receiver.routeOr")) }) : t("receiver.routeSaved")
          }
        />
      )}
      <div style={{ display: "flex", flexWrap: "wrap", gap: 16, marginTop: 16, alignItems: "flex-start" }}>
        <Space direction="vertical" size={8} style={{ flex: "1 1 280px", minWidth: 0 }}>
          <Space wrap>
            <Button
              icon={<SendOutlined />}
              loading={busy === "try"}
              disabled={call === null || !active}
              onClick={() => call && void send(call)}
              data-testid="receiver-try"
            >
              {t("receiver.tryCall")}
            </Button>
            <Button type="link" icon={<LinkOutlined />} disabled={call === null} onClick={() => call && wb.openConsoleWith(call)} data-testid="receiver-open-console">
              {t("receiver.openInConsole")}
            </Button>
          </Space>
          <Typography.Text type="secondary">
            <ExperimentOutlined />{" "}
            {call === null ? t("receiver.tryNeedsCustomer") : !active ? t("receiver.tryNeedsRunning") : t("receiver.tryHint", { api: TRY_API, id: route?.customer_id })}
          </Typography.Text>
        </Space>
        {outcome && (
          <div style={{ flex: "2 1 360px", minWidth: 0 }}>
            <Typography.Text strong>{t("receiver.consoleAnswer")}</Typography.Text>
            <TryAnswer outcome={outcome} />
          </div>
        )}
      </div>
    </Card>
  );
}
