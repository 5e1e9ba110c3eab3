/**
 * The test console: pick an API (or type any method), fill its parameters, send, and read the result.
 * On first run the demo profile and `taobao.time.get` are ready, so one click on 发送 succeeds.
 */
import { useEffect, useMemo, useRef, useState } from "react";
import { Alert, Button, Card, Col, Form, Input, Row, Segmented, Select, Space, Switch, Tag, Typography } from "antd";
import { SendOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import * as api from "../../api/commands";
import type { CallInput } from "../../api/bindings/CallInput";
import { IpcFailure, toIpcFailure } from "../../api/ipc";
import type { SignMethod } from "../../api/bindings/SignMethod";
import { useWorkbench } from "../../state/workbench";
import { Term } from "../../components/Term";
import { CodeView } from "../../components/CodeView";
import { ResultView } from "../../components/result/ResultView";
import { fromOutcome, type ShownCall } from "../../components/result/model";
import { ApiPicker, apiDescription, apiTitle } from "./ApiPicker";
import { ParamForm, type ConsoleFormValues } from "./ParamForm";
import { buildCallInput, type ConsoleDraft } from "./callInput";
import { NextStepStrip } from "./NextStepStrip";
import { useShowError } from "../../components/errors";

/** Preselected on first run: answered by every environment, needs no session. */
export const FIRST_API = "taobao.time.get";
const SIGN_METHODS: SignMethod[] = ["md5", "hmac", "hmac-sha256"];

export function ConsolePage() {
  const { t } = useTranslation();
  const showError = useShowError();
  const wb = useWorkbench();
  const { catalogue, currentProfile, environmentId, language, info } = wb;
  const [form] = Form.useForm<ConsoleFormValues>();

  const [mode, setMode] = useState<"catalogue" | "free">("catalogue");
  const [apiName, setApiName] = useState<string | undefined>(undefined);
  const [freeMethod, setFreeMethod] = useState("");
  const [body, setBody] = useState("");
  const [signMethod, setSignMethod] = useState<SignMethod>("md5");
  const [format, setFormat] = useState<"json" | "xml">("json");
  const [wdtCompute, setWdtCompute] = useState(true);
  const [useSession, setUseSession] = useState(false);
  const [targetAppKey, setTargetAppKey] = useState("");
  const [customerId, setCustomerId] = useState("");
  const [sending, setSending] = useState(false);
  const [shown, setShown] = useState<ShownCall | null>(null);
  const [sendError, setSendError] = useState<IpcFailure | null>(null);
  const [lastInput, setLastInput] = useState<CallInput | null>(null);

  const resultCard = useRef<HTMLDivElement>(null);

  // When the result sits below the form (narrow windows), bring its top into view once it arrives.
  useEffect(() => {
    const card = resultCard.current;
    if (!shown || !card) return;
    if (card.getBoundingClientRect().top > window.innerHeight * 0.6) card.scrollIntoView?.({ behavior: "smooth", block: "start" });
  }, [shown]);

  // The explanation was written in the language of the moment of sending; after a switch, ask the
  // core for it again (history_get explains in the current language).
  const explainedIn = useRef(language);
  useEffect(() => {
    if (explainedIn.current === language) return;
    explainedIn.current = language;
    if (!shown || shown.networkError) return;
    const id = shown.historyId;
    api
      .historyGet(id)
      .then((detail) => setShown((current) => (current && current.historyId === id ? { ...current, explanation: detail.explanation } : current)))
      .catch(() => undefined);
  }, [language, shown]);

  const doc = useMemo(() => (mode === "catalogue" ? catalogue.find((d) => d.name === apiName) : undefined), [mode, catalogue, apiName]);

  // First run: preselect the API that always works once the catalogue is in.
  useEffect(() => {
    if (apiName === undefined && catalogue.some((d) => d.name === FIRST_API)) setApiName(FIRST_API);
  }, [catalogue, apiName]);

  // Another screen asked for a prepared call (a scenario's preset): pick its API, then fill it in below.
  const pendingRequest = useRef<CallInput | null>(null);
  const requestSeq = wb.consoleRequest?.seq;
  useEffect(() => {
    const call = wb.consoleRequest?.call;
    if (!call) return;
    pendingRequest.current = call;
    const documented = catalogue.some((d) => d.name === call.method);
    setMode(documented ? "catalogue" : "free");
    if (documented) setApiName(call.method);
    else setFreeMethod(call.method);
    if (call.environment_id) wb.setEnvironmentId(call.environment_id);
    // Only a new request (its seq) is applied; the catalogue is loaded before any screen can ask.
  }, [requestSeq]);

  // A newly chosen API brings its own body example, session need and target app.
  useEffect(() => {
    form.resetFields();
    setBody(doc?.body_example ?? "");
    setUseSession(doc?.needs_session ?? false);
    setTargetAppKey(doc?.target_app_key ?? currentProfile?.target_app_key ?? "");
    setWdtCompute(true);
  }, [doc, form, currentProfile?.target_app_key]);

  // Declared after the reset above, so a prepared call's values survive the reset its API choice causes.
  useEffect(() => {
    const call = pendingRequest.current;
    if (!call || call.method !== (mode === "catalogue" ? apiName : freeMethod)) return;
    pendingRequest.current = null;
    const documented = new Set(doc?.params.map((param) => param.name) ?? []);
    form.setFieldsValue({
      params: Object.fromEntries(call.params.filter((row) => documented.has(row.key)).map((row) => [row.key, row.value])),
      extra: call.params.filter((row) => !documented.has(row.key)),
    });
    setSignMethod(call.sign_method);
    if (call.format === "json" || call.format === "xml") setFormat(call.format);
    if (call.body !== null) setBody(call.body);
    if (call.target_app_key !== null) setTargetAppKey(call.target_app_key);
    if (call.customer_id !== null) setCustomerId(call.customer_id);
    setUseSession(call.use_session);
    setWdtCompute(call.wdt.compute);
  }, [doc, mode, apiName, freeMethod, requestSeq, form, currentProfile?.target_app_key]);

  useEffect(() => {
    setCustomerId(currentProfile?.customer_id ?? "");
  }, [currentProfile?.customer_id]);

  const method = mode === "catalogue" ? (apiName ?? "") : freeMethod.trim();
  const family = doc?.family ?? null;
  const isQimenStandard = family === "qimen_standard";
  const isWdt = Boolean(doc?.wdt_sign);
  const showBodyEditor = isQimenStandard || (mode === "free" && body !== "");
  // TOP calls carry neither; the Qimen families do (cloud: the provider's AppKey, standard: customerId).
  const showTargetApp = family === "qimen_cloud" || mode === "free";
  const showCustomerId = family === "qimen_standard" || mode === "free";

  const send = async () => {
    setSendError(null);
    if (method === "") {
      setSendError(new IpcFailure({ code: "validation.call.method", message: t("console.validation.method") }));
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
    setSending(true);
    try {
      const outcome = await api.callSend(input);
      setLastInput(input);
      explainedIn.current = language;
      setShown(fromOutcome(outcome));
    } catch (raw) {
      // A parameter the core rejects is marked at its field; anything else is shown above the button.
      const failure = toIpcFailure(raw);
      const field = failure.code.startsWith("validation.call.") ? failure.code.slice("validation.call.".length) : "";
      if (doc?.params.some((param) => param.name === field)) {
        form.setFields([{ name: ["params", field], errors: [failure.message] }]);
      }
      setSendError(failure);
    } finally {
      setSending(false);
    }
  };

  const compare = shown
    ? (pasted: string) => api.signCompare({ target: { kind: "history", history_id: shown.historyId }, pasted })
    : null;
  const revealCurl = lastInput ? () => api.callCurl(lastInput, true) : null;

  return (
    <div className="page">
      <NextStepStrip />
      {info?.demo_mode && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="demo-alert"
          message={t("console.demoTitle")}
          description={t("console.demoBody")}
          action={
            <Button type="primary" onClick={wb.requestCreateProfile} data-testid="create-real-profile">
              {t("console.createRealProfile")}
            </Button>
          }
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={11}>
          <Card title={t("console.requestTitle")} extra={currentProfile && <Tag>{currentProfile.name}</Tag>}>
            <Space direction="vertical" size={12} style={{ width: "100%" }}>
              <Segmented
                value={mode}
                onChange={(value) => setMode(value as "catalogue" | "free")}
                options={[
                  { value: "catalogue", label: t("console.fromCatalogue") },
                  { value: "free", label: t("console.freeForm") },
                ]}
              />
              {mode === "catalogue" ? (
                <ApiPicker value={apiName} onChange={setApiName} />
              ) : (
                <Input
                  aria-label={t("console.method")}
                  className="mono"
                  placeholder={t("console.methodPlaceholder")}
                  value={freeMethod}
                  onChange={(e) => setFreeMethod(e.target.value)}
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
                <CodeView value={body} onChange={setBody} language="xml" editable height="260px" ariaLabel={t("console.body")} testId="body-editor" />
                {doc?.body_example && (
                  <Button size="small" type="link" style={{ paddingInline: 0 }} onClick={() => setBody(doc.body_example ?? "")}>
                    {t("console.resetBody")}
                  </Button>
                )}
              </div>
            )}
            {mode === "free" && !showBodyEditor && (
              <Button type="link" style={{ paddingInline: 0, marginTop: 8 }} onClick={() => setBody("<request>\n</request>")}>
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
                    onChange={setSignMethod}
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
                      onChange={setFormat}
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
                    <Input aria-label={t("terms.targetAppKey.label")} value={targetAppKey} onChange={(e) => setTargetAppKey(e.target.value)} />
                  </Space>
                </Col>
              )}
              {showCustomerId && (
                <Col xs={24} md={12}>
                  <Space direction="vertical" size={4} style={{ width: "100%" }}>
                    <Term name="customerId" />
                    <Input aria-label={t("terms.customerId.label")} value={customerId} onChange={(e) => setCustomerId(e.target.value)} />
                  </Space>
                </Col>
              )}
            </Row>

            <Space size={24} wrap style={{ marginTop: 16 }}>
              <Space>
                <Switch checked={useSession} onChange={setUseSession} aria-label={t("console.useSession")} />
                <Term name="session" label={t("console.useSession")} />
              </Space>
              {isWdt && (
                <Space>
                  <Switch checked={wdtCompute} onChange={setWdtCompute} aria-label={t("console.wdtCompute")} data-testid="wdt-switch" />
                  <Term name="wdtSign" label={t("console.wdtCompute")} />
                </Space>
              )}
            </Space>

            {sendError && (
              <Alert
                type="error"
                showIcon
                style={{ marginTop: 16 }}
                message={sendError.message}
                data-testid="send-error"
                action={
                  // A secret the profile lacks is fixed on the profiles page.
                  sendError.is("secret.missing") ? (
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
          <Card title={t("console.resultTitle")} ref={resultCard} className="result-card">
            {shown ? (
              <ResultView call={shown} compare={compare} revealCurl={revealCurl} />
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
