/**
 * The request card's fields: the API (from the catalogue or typed), its parameters, the body, signing and
 * format, the target app, customerId, the session and wdt_sign switches, and the warning before a session
 * would cross the network in clear. Drawn again only when one of them changes: a send in flight or a
 * result arriving leaves them alone, so the click on 发送 does not wait on a redraw of the whole form.
 */
import { memo, type ReactNode } from "react";
import { Alert, Button, Col, Form, Input, Row, Segmented, Select, Space, Switch, Typography, type FormInstance } from "antd";
import { useTranslation } from "react-i18next";
import type { SignMethod } from "../../api/bindings/SignMethod";
import { useWorkbench } from "../../state/workbench";
import { Term, type TermName } from "../../components/Term";
import { CodeView } from "../../components/CodeView";
import { sessionInClear } from "../../components/environments";
import { ApiPicker, apiDescription, apiTitle } from "./ApiPicker";
import { ParamForm, type ConsoleFormValues } from "./ParamForm";
import { consoleView, type ConsoleAction, type ConsoleEdits, type ConsoleFormat, type ConsoleMode, type ConsoleState } from "./consoleState";

const SIGN_METHODS: SignMethod[] = ["md5", "hmac", "hmac-sha256"];

/** What the state holds about a call on its way or its result: none of it is drawn here. */
const RESULT_FIELDS = new Set<keyof ConsoleState>(["sending", "sendError", "shown", "shownFor", "lastInput", "explainedIn"]);

interface RequestFieldsProps {
  state: ConsoleState;
  form: FormInstance<ConsoleFormValues>;
  dispatch: (action: ConsoleAction) => void;
}

/** Equal for drawing: every field of the state but the call's own (a field added later is compared). */
export function sameRequest(before: RequestFieldsProps, after: RequestFieldsProps): boolean {
  if (before.form !== after.form || before.dispatch !== after.dispatch) return false;
  const keys = Object.keys(after.state) as (keyof ConsoleState)[];
  return keys.every((key) => RESULT_FIELDS.has(key) || before.state[key] === after.state[key]);
}

/** One field of the half-width grid: its Term above the control. */
function TermColumn({ term, children }: { term: TermName; children: ReactNode }) {
  return (
    <Col xs={24} md={12}>
      <Space direction="vertical" size={4} style={{ width: "100%" }}>
        <Term name={term} />
        {children}
      </Space>
    </Col>
  );
}

function RequestFieldsView({ state, form, dispatch }: RequestFieldsProps) {
  const { t } = useTranslation();
  const wb = useWorkbench();
  const { language, environmentId } = wb;
  const { mode, apiName, freeMethod, body, signMethod, format, wdtCompute, useSession, targetAppKey, customerId } = state;
  const { doc, family, isQimenStandard, isWdt, showBodyEditor, showTargetApp, showCustomerId } = consoleView(state);
  const edit = (changes: Partial<ConsoleEdits>) => dispatch({ type: "edited", changes });
  const environment = wb.environments.find((env) => env.id === environmentId);
  const plainHttp = sessionInClear(environment, family, useSession);

  return (
    <>
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
        <TermColumn term="signMethod">
          <Select<SignMethod>
            aria-label={t("terms.signMethod.label")}
            style={{ width: "100%" }}
            value={signMethod}
            onChange={(value) => edit({ signMethod: value })}
            options={SIGN_METHODS.map((value) => ({ value, label: value }))}
          />
        </TermColumn>
        {!isQimenStandard && (
          <TermColumn term="format">
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
          </TermColumn>
        )}
        {showTargetApp && (
          <TermColumn term="targetAppKey">
            <Input aria-label={t("terms.targetAppKey.label")} value={targetAppKey} onChange={(e) => edit({ targetAppKey: e.target.value })} />
          </TermColumn>
        )}
        {showCustomerId && (
          <TermColumn term="customerId">
            <Input aria-label={t("terms.customerId.label")} value={customerId} onChange={(e) => edit({ customerId: e.target.value })} />
          </TermColumn>
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
    </>
  );
}

export const RequestFields = memo(RequestFieldsView, sameRequest);
