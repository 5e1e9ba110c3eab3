/**
 * The test console: pick an API (or type any method), fill its parameters, send, and read the result.
 * On first run the demo profile and `taobao.time.get` are ready, so one click on 发送 succeeds.
 */
import { useEffect, useRef } from "react";
import { Alert, App, Button, Card, Col, Form, Input, Row, Segmented, Select, Space, Switch, Tag, Typography } from "antd";
import { BugOutlined, ExportOutlined, SendOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import * as api from "../../api/commands";
import { IpcFailure, toIpcFailure } from "../../api/ipc";
import type { SignMethod } from "../../api/bindings/SignMethod";
import { useWorkbench } from "../../state/workbench";
import { Term } from "../../components/Term";
import { CodeView } from "../../components/CodeView";
import { ResultView } from "../../components/result/ResultView";
import { fromOutcome } from "../../components/result/model";
import { ApiPicker, apiDescription, apiTitle } from "./ApiPicker";
import { ParamForm, type ConsoleFormValues } from "./ParamForm";
import { buildCallInput, type ConsoleDraft } from "./callInput";
import { NextStepStrip } from "./NextStepStrip";
import { useShowError } from "../../components/errors";
import { pick } from "../../i18n/pick";
import { environmentLabel, sessionInClear } from "../../components/environments";
import { consoleView, FIRST_API, useConsoleState, type ConsoleEdits, type ConsoleFormat, type ConsoleMode } from "./consoleState";
import { useProfileValues } from "./useProfileValues";

const SIGN_METHODS: SignMethod[] = ["md5", "hmac", "hmac-sha256"];

export function ConsolePage() {
  const { t } = useTranslation();
  const showError = useShowError();
  const { message } = App.useApp();
  const wb = useWorkbench();
  const { catalogue, currentProfile, environmentId, language, info } = wb;
  const [form] = Form.useForm<ConsoleFormValues>();
  const [state, dispatch] = useConsoleState({
    catalogue,
    profile: { id: currentProfile?.id ?? null, targetAppKey: currentProfile?.target_app_key ?? "", customerId: currentProfile?.customer_id ?? "" },
    environmentId,
    request: wb.consoleRequest,
    form,
  });
  const { mode, apiName, freeMethod, body, signMethod, format, wdtCompute, useSession, targetAppKey, customerId } = state;
  const { sending, shown, shownFor, sendError, lastInput, explainedIn } = state;
  const { doc, family, method, isQimenStandard, isWdt, showBodyEditor, showTargetApp, showCustomerId } = consoleView(state);
  const edit = (changes: Partial<ConsoleEdits>) => dispatch({ type: "edited", changes });

  const resultCard = useRef<HTMLDivElement>(null);
  useProfileValues(form, doc, currentProfile?.id ?? null, state.paramForm);
  const environment = wb.environments.find((env) => env.id === environmentId);
  const plainHttp = sessionInClear(environment, family, useSession);

  // When the result sits below the form (narrow windows), bring its top into view once it arrives.
  useEffect(() => {
    const card = resultCard.current;
    if (!shown || !card) return;
    if (card.getBoundingClientRect().top > window.innerHeight * 0.6) card.scrollIntoView?.({ behavior: "smooth", block: "start" });
  }, [shown]);

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

  const shownId = shown?.historyId ?? null;
  const compare =
    shownId !== null
      ? (pasted: string) => api.signCompare({ target: { kind: "history", history_id: shownId }, pasted })
      : null;
  const revealCurl = lastInput ? () => api.callCurl(lastInput, true) : null;
  // The call the shown result belongs to, named as the pickers name it.
  const shownProfile = wb.profiles.find((profile) => profile.id === shownFor?.profileId);
  const shownEnvironment = wb.environments.find((env) => env.id === shownFor?.environmentId);

  const openInRepro = async (historyId: number) => {
    try {
      wb.openReproWith(await api.historyBundle([historyId]));
    } catch (raw) {
      showError(raw);
    }
  };

  const exportCall = async (historyId: number) => {
    try {
      const saved = await api.reproExport({ calls: await api.historyBundle([historyId]) });
      if (saved.path) void message.success(t("repro.exported", { path: saved.path }));
    } catch (raw) {
      showError(raw);
    }
  };

  return (
    <div className="page">
      <NextStepStrip />
      {info?.gateway_port_moved && info.gateway_url && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} data-testid="gateway-moved" message={t("console.gatewayMoved", { url: info.gateway_url })} />
      )}
      {info?.demo_mode && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="demo-alert"
          message={t("console.demoTitle")}
          description={apiName === FIRST_API && mode === "catalogue" ? t("console.demoBody") : t("console.demoBodyOther")}
          action={
            <Button type="primary" onClick={wb.requestCreateProfile} data-testid="create-real-profile">
              {t("console.createRealProfile")}
            </Button>
          }
        />
      )}
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
            <Space direction="vertical" size={12} style={{ width: "100%" }}>
              <Segmented
                value={mode}
                onChange={(value) => dispatch({ type: "modeChosen", mode: value as ConsoleMode })}
                options={[
                  { value: "catalogue", label: t("console.fromCatalogue") },
                  { value: "free", label: t("console.freeForm") },
                ]}
              />
              {mode === "catalogue" ? (
                <ApiPicker value={apiName} onChange={(name) => dispatch({ type: "apiChosen", name })} />
              ) : (
                <Input
                  aria-label={t("console.method")}
                  className="mono"
                  placeholder={t("console.methodPlaceholder")}
                  value={freeMethod}
                  onChange={(e) => edit({ freeMethod: e.target.value })}
                />
              )}
              {doc && (
                <div>
                  <Typography.Text strong>{apiTitle(doc, language)}</Typography.Text>
                  <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
                    {apiDescription(doc, language)}
                  </Typography.Paragraph>
                </div>
              )}
            </Space>

            <Form form={form} layout="vertical" style={{ marginTop: 16 }} requiredMark initialValues={{ extra: [] }}>
              <ParamForm doc={doc} form={form} language={language} />
            </Form>

            {showBodyEditor && (
              <div style={{ marginTop: 16 }}>
                <Typography.Text strong>{t("console.body")}</Typography.Text>
                <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                  {t("console.bodyHelp")}
                </Typography.Paragraph>
                <CodeView value={body} onChange={(text) => edit({ body: text })} language="xml" editable height="260px" ariaLabel={t("console.body")} testId="body-editor" />
                {doc?.body_example && (
                  <Button size="small" type="link" style={{ paddingInline: 0 }} onClick={() => edit({ body: doc.body_example ?? "" })}>
                    {t("console.resetBody")}
                  </Button>
                )}
              </div>
            )}
            {mode === "free" && !showBodyEditor && (
              <Button type="link" style={{ paddingInline: 0, marginTop: 8 }} onClick={() => edit({ body: "<request>\n</request>" })}>
                {t("console.addBody")}
              </Button>
            )}

            <Row gutter={[16, 12]} style={{ marginTop: 16 }}>
              <Col xs={24} md={12}>
                <Space direction="vertical" size={4} style={{ width: "100%" }}>
                  <Term name="signMethod" />
                  <Select<SignMethod>
                    aria-label={t("terms.signMethod.label")}
                    style={{ width: "100%" }}
                    value={signMethod}
                    onChange={(value) => edit({ signMethod: value })}
                    options={SIGN_METHODS.map((value) => ({ value, label: value }))}
                  />
                </Space>
              </Col>
              {!isQimenStandard && (
                <Col xs={24} md={12}>
                  <Space direction="vertical" size={4} style={{ width: "100%" }}>
                    <Term name="format" />
                    <Select
                      aria-label={t("terms.format.label")}
                      style={{ width: "100%" }}
                      value={format}
                      onChange={(value: ConsoleFormat) => edit({ format: value })}
                      options={[
                        { value: "json", label: "JSON" },
                        { value: "xml", label: "XML" },
                      ]}
                    />
                  </Space>
                </Col>
              )}
              {showTargetApp && (
                <Col xs={24} md={12}>
                  <Space direction="vertical" size={4} style={{ width: "100%" }}>
                    <Term name="targetAppKey" />
                    <Input aria-label={t("terms.targetAppKey.label")} value={targetAppKey} onChange={(e) => edit({ targetAppKey: e.target.value })} />
                  </Space>
                </Col>
              )}
              {showCustomerId && (
                <Col xs={24} md={12}>
                  <Space direction="vertical" size={4} style={{ width: "100%" }}>
                    <Term name="customerId" />
                    <Input aria-label={t("terms.customerId.label")} value={customerId} onChange={(e) => edit({ customerId: e.target.value })} />
                  </Space>
                </Col>
              )}
            </Row>

            <Space size={24} wrap style={{ marginTop: 16 }}>
              <Space>
                <Switch checked={useSession} onChange={(checked) => edit({ useSession: checked })} aria-label={t("console.useSession")} />
                <Term name="session" label={t("console.useSession")} />
              </Space>
              {isWdt && (
                <Space>
                  <Switch checked={wdtCompute} onChange={(checked) => edit({ wdtCompute: checked })} aria-label={t("console.wdtCompute")} data-testid="wdt-switch" />
                  <Term name="wdtSign" label={t("console.wdtCompute")} />
                </Space>
              )}
            </Space>

            {plainHttp && (
              <Alert
                type="warning"
                showIcon
                style={{ marginTop: 16 }}
                data-testid="plain-http-warning"
                message={t("console.plainHttpTitle")}
                description={t("console.plainHttpBody")}
                action={
                  environment?.https_alternative ? (
                    <Button size="small" onClick={() => wb.setEnvironmentId(environment.https_alternative ?? environmentId)}>
                      {t("console.useHttps")}
                    </Button>
                  ) : undefined
                }
              />
            )}

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
          <Card
            title={t("console.resultTitle")}
            ref={resultCard}
            className="result-card"
            extra={
              shownId !== null && (
                <Space size={4}>
                  <Button size="small" onClick={() => void openInRepro(shownId)} data-testid="result-to-repro">
                    {t("console.toRepro")}
                  </Button>
                  <Button size="small" icon={<ExportOutlined />} onClick={() => void exportCall(shownId)} data-testid="result-export">
                    {t("console.exportBundle")}
                  </Button>
                </Space>
              )
            }
          >
            {shown && shownFor && (
              <Typography.Paragraph type="secondary" data-testid="result-for">
                {t("console.resultFor", {
                  method: shownFor.method,
                  profile: shownProfile ? pick(shownProfile.label, language) : "—",
                  environment: shownEnvironment ? environmentLabel(shownEnvironment, language) : shownFor.environmentId,
                })}
              </Typography.Paragraph>
            )}
            {shown ? (
              <ResultView
                call={shown}
                compare={compare}
                revealCurl={revealCurl}
                remedies={{
                  editSecret: () => wb.navigate("profiles"),
                  computeWdtSign: isWdt && !wdtCompute ? () => edit({ wdtCompute: true }) : undefined,
                }}
              />
            ) : (
              <Typography.Paragraph type="secondary" data-testid="no-result">
                {t("console.noResult")}
              </Typography.Paragraph>
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
