/**
 * One answer template in a dialog: the API it answers, how (success with the XML and the JSON
 * answer, a business failure with its code and message, a sign-check failure, a 500), after how long.
 * A template the core refuses keeps what was typed and shows the core's words next to the field.
 */
import { Alert, AutoComplete, Button, Form, Input, InputNumber, Modal, Radio, Space, Typography } from "antd";
import { UndoOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { AnswerTemplate } from "../../api/bindings/AnswerTemplate";
import type { TemplateKind } from "../../api/bindings/TemplateKind";
import { CodeView } from "../../components/CodeView";
import { useWorkbench } from "../../state/workbench";

export const KINDS: TemplateKind[] = ["success", "business-failure", "sign-check-failure", "server-error"];

/** The template's fields the core can refuse, as its error codes name them. */
export type TemplateField = "api" | "xml" | "json" | "code" | "delay_ms";

export interface FieldError {
  field: TemplateField | null;
  message: string;
}

interface TemplateEditorProps {
  draft: AnswerTemplate;
  isNew: boolean;
  error: FieldError | null;
  saving: boolean;
  resetting: boolean;
  onChange: (draft: AnswerTemplate) => void;
  onReset: () => void;
  onSave: () => void;
  onCancel: () => void;
}

/** The API names of the catalogue, and `*`, as suggestions for what is typed. */
export function useApiOptions(typed: string) {
  const { catalogue } = useWorkbench();
  const words = typed.trim().toLowerCase();
  return ["*", ...catalogue.map((doc) => doc.name)].filter((name) => name.toLowerCase().includes(words)).map((name) => ({ value: name }));
}

export function TemplateEditor({ draft, isNew, error, saving, resetting, onChange, onReset, onSave, onCancel }: TemplateEditorProps) {
  const { t } = useTranslation();
  const apiOptions = useApiOptions(draft.api);
  const edit = (change: Partial<AnswerTemplate>) => onChange({ ...draft, ...change });
  // The core's words next to the field it names.
  const at = (field: TemplateField) => (error?.field === field ? { validateStatus: "error" as const, help: error.message } : {});

  return (
    <Modal
      open
      width="min(860px, 94vw)"
      title={isNew ? t("receiver.addTitle", { api: draft.api }) : t("receiver.editTitle", { api: draft.api })}
      onCancel={onCancel}
      maskClosable={false}
      footer={
        <Space wrap>
          <Button icon={<UndoOutlined />} loading={resetting} onClick={onReset} data-testid="receiver-template-reset" title={t("receiver.resetHint")}>
            {t("receiver.reset")}
          </Button>
          <Button onClick={onCancel}>{t("common.cancel")}</Button>
          <Button type="primary" loading={saving} onClick={onSave} data-testid="receiver-template-save">
            {t("common.save")}
          </Button>
        </Space>
      }
    >
      <Form layout="vertical" data-testid="receiver-template-editor">
        {error && error.field === null && <Alert type="error" showIcon message={error.message} style={{ marginBottom: 12 }} />}
        <Form.Item label={t("receiver.templateApi")} extra={t("receiver.apiHelp")} {...at("api")}>
          <AutoComplete value={draft.api} options={apiOptions} onChange={(api: string) => edit({ api })} aria-label={t("receiver.templateApi")} data-testid="receiver-template-api">
            <Input className="mono" />
          </AutoComplete>
        </Form.Item>
        <Form.Item label={t("receiver.templateKind")}>
          <Radio.Group value={draft.kind} onChange={(e) => edit({ kind: e.target.value as TemplateKind })} data-testid="receiver-template-kind">
            <Space direction="vertical" size={4}>
              {KINDS.map((kind) => (
                <Radio key={kind} value={kind} data-testid={`receiver-kind-${kind}`}>
                  {t(`receiver.kind.${kind}`)} <Typography.Text type="secondary">— {t(`receiver.kindHelp.${kind}`)}</Typography.Text>
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
        {draft.kind === "success" && (
          <div style={{ display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(320px, 1fr))", columnGap: 16 }}>
            <Form.Item label={t("receiver.xmlAnswer")} {...at("xml")}>
              <CodeView value={draft.xml} language="xml" editable onChange={(xml) => edit({ xml })} height="180px" ariaLabel={t("receiver.xmlAnswer")} testId="receiver-template-xml" />
            </Form.Item>
            <Form.Item label={t("receiver.jsonAnswer")} {...at("json")}>
              <CodeView value={draft.json} language="json" editable onChange={(json) => edit({ json })} height="180px" ariaLabel={t("receiver.jsonAnswer")} testId="receiver-template-json" />
            </Form.Item>
          </div>
        )}
        {draft.kind === "business-failure" && (
          <div style={{ display: "flex", flexWrap: "wrap", columnGap: 16 }}>
            <Form.Item label={t("receiver.failureCode")} {...at("code")} style={{ width: 200 }}>
              <Input value={draft.code} onChange={(e) => edit({ code: e.target.value })} className="mono" aria-label={t("receiver.failureCode")} data-testid="receiver-template-code" />
            </Form.Item>
            <Form.Item label={t("receiver.failureMessage")} style={{ flex: "1 1 300px" }}>
              <Input value={draft.message} onChange={(e) => edit({ message: e.target.value })} aria-label={t("receiver.failureMessage")} data-testid="receiver-template-message" />
            </Form.Item>
          </div>
        )}
        <Form.Item label={t("receiver.delayMs")} extra={t("receiver.delayHelp")} {...at("delay_ms")}>
          <InputNumber
            min={0}
            value={draft.delay_ms}
            onChange={(delay) => edit({ delay_ms: delay ?? 0 })}
            suffix="ms"
            aria-label={t("receiver.delayMs")}
            data-testid="receiver-template-delay"
            style={{ width: 180 }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
