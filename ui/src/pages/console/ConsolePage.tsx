/**
 * The test console: pick an API (or type any method), fill its parameters, send, and read the result.
 * On first run the demo profile and `taobao.time.get` are ready, so one click on 发送 succeeds.
 *
 * A click on 发送 redraws only what it changes (the button, an error above it, then the result): the
 * request's fields, the notices and the result card each draw again only when what they show changes.
 */
import { useEffect, useMemo } from "react";
import { Alert, Button, Card, Col, Form, Row, Space, Tag } from "antd";
import { BugOutlined, SendOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import * as api from "../../api/commands";
import { IpcFailure, toIpcFailure } from "../../api/ipc";
import { useWorkbench } from "../../state/workbench";
import { fromOutcome } from "../../components/result/model";
import type { ConsoleFormValues } from "./ParamForm";
import { buildCallInput, type ConsoleDraft } from "./callInput";
import { useShowError } from "../../components/errors";
import { pick } from "../../i18n/pick";
import { consoleView, FIRST_API, useConsoleState } from "./consoleState";
import { useProfileValues } from "./useProfileValues";
import { RequestFields } from "./RequestFields";
import { ResultCard } from "./ResultCard";
import { ConsoleNotices } from "./ConsoleNotices";

export function ConsolePage() {
  const { t } = useTranslation();
  const showError = useShowError();
  const wb = useWorkbench();
  const { catalogue, currentProfile, environmentId, language } = wb;
  const [form] = Form.useForm<ConsoleFormValues>();
  const [state, dispatch] = useConsoleState({
    catalogue,
    profile: { id: currentProfile?.id ?? null, targetAppKey: currentProfile?.target_app_key ?? "", customerId: currentProfile?.customer_id ?? "" },
    environmentId,
    request: wb.consoleRequest,
    form,
  });
  const { mode, apiName, body, signMethod, format, wdtCompute, useSession, targetAppKey, customerId } = state;
  const { sending, shown, shownFor, sendError, lastInput, explainedIn } = state;
  const { doc, family, method, isQimenStandard, isWdt, showBodyEditor, showTargetApp, showCustomerId } = consoleView(state);
  // Offered beside a 旺店通 failure when the call went without the automatic wdt_sign.
  const computeWdtSign = useMemo(
    () => (isWdt && !wdtCompute ? () => dispatch({ type: "edited", changes: { wdtCompute: true } }) : undefined),
    [isWdt, wdtCompute, dispatch],
  );
  useProfileValues(form, doc, currentProfile?.id ?? null, state.paramForm);

  // The explanation was written in the language of the moment of sending; after a switch, ask the
  // core for it again (history_get explains in the current language). An answer that comes after
  // another switch or another call is dropped.
  useEffect(() => {
    if (!shown || shown.networkError || explainedIn === language) return;
    const historyId = shown.historyId;
    // A call history could not record cannot be explained again; its explanation stays as sent.
    if (historyId === null) return;
    let live = true;
    api
      .historyGet(historyId)
      .then((detail) => {
        if (live) dispatch({ type: "explained", historyId, explanation: detail.explanation, language });
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [language, shown, explainedIn, dispatch]);

  const send = async () => {
    dispatch({ type: "sendAsked" });
    if (method === "") {
      dispatch({ type: "sendRefused", error: new IpcFailure({ code: "validation.call.method", message: t("console.validation.method") }) });
      return;
    }
    let values: ConsoleFormValues;
    try {
      values = await form.validateFields();
    } catch {
      showError(t("console.validation.fix"));
      return;
    }
    const draft: ConsoleDraft = {
      profileId: currentProfile?.id ?? null,
      environmentId,
      method,
      family,
      signMethod,
      format: isQimenStandard ? null : format,
      doc,
      values: values.params ?? {},
      extra: values.extra ?? [],
      body: showBodyEditor ? body : null,
      targetAppKey: showTargetApp ? targetAppKey : "",
      customerId: showCustomerId ? customerId : "",
      useSession,
      wdtCompute: isWdt && wdtCompute,
    };
    const input = buildCallInput(draft);
    dispatch({ type: "sendStarted" });
    try {
      const outcome = await api.callSend(input);
      dispatch({ type: "sendSucceeded", input, shown: fromOutcome(outcome), language, method });
    } catch (raw) {
      // A parameter the core rejects is marked at its field; anything else is shown above the button.
      const failure = toIpcFailure(raw);
      const field = failure.code.startsWith("validation.call.") ? failure.code.slice("validation.call.".length) : "";
      if (doc?.params.some((param) => param.name === field)) {
        form.setFields([{ name: ["params", field], errors: [failure.message] }]);
      }
      dispatch({ type: "sendFailed", error: failure });
    }
  };

  return (
    <div className="page">
      <ConsoleNotices onFirstApi={apiName === FIRST_API && mode === "catalogue"} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={11}>
          <Card
            title={t("console.requestTitle")}
            extra={
              <Space size={4}>
                {currentProfile && <Tag>{pick(currentProfile.label, language)}</Tag>}
                <Button size="small" type="link" icon={<BugOutlined />} onClick={() => wb.navigate("repro")} data-testid="open-repro">
                  {t("console.reproduce")}
                </Button>
              </Space>
            }
          >
            <RequestFields state={state} form={form} dispatch={dispatch} />

            {sendError && (
              <Alert
                type="error"
                showIcon
                style={{ marginTop: 16 }}
                message={sendError.message}
                data-testid="send-error"
                action={
                  // A secret the profile lacks is fixed on the profiles page.
                  sendError.is("secret.missing.session") ? (
                    <Button size="small" onClick={() => wb.navigate("session")}>
                      {t("console.openSession")}
                    </Button>
                  ) : sendError.is("secret.missing") ? (
                    <Button size="small" onClick={() => wb.navigate("profiles")}>
                      {t("console.openProfiles")}
                    </Button>
                  ) : undefined
                }
              />
            )}

            <div style={{ marginTop: 20 }}>
              <Button type="primary" size="large" icon={<SendOutlined />} loading={sending} onClick={() => void send()} data-testid="send">
                {t("console.send")}
              </Button>
            </div>
          </Card>
        </Col>
        <Col xs={24} xl={13}>
          <ResultCard shown={shown} shownFor={shownFor} lastInput={lastInput} computeWdtSign={computeWdtSign} />
        </Col>
      </Row>
    </div>
  );
}
