/**
 * 应答模板: how the receiver answers each API (`*`: every API without its own). The list shows each
 * template's API, kind and delay; add starts from the documented answer for the API typed, edit
 * opens it in a dialog, and every change is saved at once (the receiver answers with it from the
 * next request on).
 */
import { useState } from "react";
import { App, AutoComplete, Button, Card, Input, Popconfirm, Space, Table, Tag, Typography } from "antd";
import { DeleteOutlined, EditOutlined, PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import * as api from "../../api/commands";
import { toIpcFailure } from "../../api/ipc";
import type { AnswerTemplate } from "../../api/bindings/AnswerTemplate";
import type { ReceiverStatus } from "../../api/bindings/ReceiverStatus";
import type { TemplateKind } from "../../api/bindings/TemplateKind";
import { useShowError } from "../../components/errors";
import { TemplateEditor, useApiOptions, type FieldError, type TemplateField } from "./TemplateEditor";

const KIND_COLOR: Record<TemplateKind, string> = { success: "success", "business-failure": "warning", "sign-check-failure": "error", "server-error": "error" };
const FIELDS: TemplateField[] = ["api", "xml", "json", "code", "delay_ms"];

export function KindTag({ kind }: { kind: TemplateKind }) {
  const { t } = useTranslation();
  return <Tag color={KIND_COLOR[kind]}>{t(`receiver.kind.${kind}`)}</Tag>;
}

/** The field a refusal names (`validation.receiver.code` → `code`), or none. */
function fieldError(raw: unknown): FieldError {
  const failure = toIpcFailure(raw);
  const field = FIELDS.find((name) => failure.code === `validation.receiver.${name}`) ?? null;
  return { field, message: failure.message };
}

/** The template being edited: where it sits in the list (null: a new one), what is typed, the core's refusal. */
interface Editing {
  index: number | null;
  draft: AnswerTemplate;
  error: FieldError | null;
}

export function TemplatesCard({ status, onStatus }: { status: ReceiverStatus | null; onStatus: (status: ReceiverStatus) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const templates = status?.templates ?? [];
  const [newApi, setNewApi] = useState("");
  const [editing, setEditing] = useState<Editing | null>(null);
  const [busy, setBusy] = useState<"add" | "save" | "reset" | "remove" | null>(null);
  const apiOptions = useApiOptions(newApi);

  const save = async (list: AnswerTemplate[]) => {
    onStatus(await api.receiverTemplatesSet(list));
    void message.success(t("receiver.templatesSaved"));
  };

  const add = async () => {
    const name = newApi.trim();
    if (templates.some((template) => template.api === name)) {
      void message.warning(t("receiver.templateExists", { api: name }));
      return;
    }
    setBusy("add");
    try {
      setEditing({ index: null, draft: await api.receiverTemplateStarter(name === "" ? "*" : name), error: null });
      setNewApi("");
    } catch (raw) {
      showError(raw);
    } finally {
      setBusy(null);
    }
  };

  const saveEditing = async () => {
    if (!editing) return;
    const list = editing.index === null ? [...templates, editing.draft] : templates.map((template, i) => (i === editing.index ? editing.draft : template));
    setBusy("save");
    try {
      await save(list);
      setEditing(null);
    } catch (raw) {
      // What was typed stays; the core's words go next to the field they name.
      setEditing({ ...editing, error: fieldError(raw) });
    } finally {
      setBusy(null);
    }
  };

  const reset = async () => {
    if (!editing) return;
    setBusy("reset");
    try {
      const starter = await api.receiverTemplateStarter(editing.draft.api);
      setEditing({ ...editing, draft: { ...starter, api: editing.draft.api }, error: null });
    } catch (raw) {
      setEditing({ ...editing, error: fieldError(raw) });
    } finally {
      setBusy(null);
    }
  };

  const remove = async (index: number) => {
    setBusy("remove");
    try {
      await save(templates.filter((_, i) => i !== index));
    } catch (raw) {
      showError(raw);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card title={t("receiver.templatesTitle")} style={{ marginBottom: 16 }} data-testid="receiver-templates">
      <Typography.Paragraph type="secondary">{t("receiver.templatesHelp")}</Typography.Paragraph>
      <Table<AnswerTemplate>
        size="small"
        rowKey={(row) => row.api}
        pagination={false}
        dataSource={templates}
        locale={{ emptyText: t("receiver.noTemplates") }}
        columns={[
          {
            title: t("receiver.templateApi"),
            dataIndex: "api",
            render: (name: string) => (
              <span className="mono" data-testid={`receiver-template-row-${name}`}>
                {name === "*" ? t("receiver.anyApi") : name}
              </span>
            ),
          },
          { title: t("receiver.templateKind"), dataIndex: "kind", width: 170, render: (kind: TemplateKind) => <KindTag kind={kind} /> },
          { title: t("receiver.templateDelay"), dataIndex: "delay_ms", width: 100, align: "right", render: (ms: number) => (ms > 0 ? `${ms} ms` : "—") },
          {
            title: t("common.actions"),
            key: "actions",
            width: 110,
            render: (_: unknown, row, index) => (
              <Space size={0}>
                <Button
                  type="text"
                  size="small"
                  icon={<EditOutlined />}
                  aria-label={t("common.edit")}
                  onClick={() => setEditing({ index, draft: { ...row }, error: null })}
                  data-testid={`receiver-template-edit-${row.api}`}
                />
                <Popconfirm title={t("receiver.removeConfirm", { api: row.api })} onConfirm={() => void remove(index)} okText={t("common.delete")} cancelText={t("common.cancel")}>
                  <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t("common.delete")} loading={busy === "remove"} />
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Space wrap style={{ marginTop: 12 }}>
        <AutoComplete value={newApi} options={apiOptions} onChange={setNewApi} style={{ width: 340 }} data-testid="receiver-add-api">
          <Input className="mono" placeholder={t("receiver.addPlaceholder")} aria-label={t("receiver.addApi")} onPressEnter={() => void add()} />
        </AutoComplete>
        <Button icon={<PlusOutlined />} loading={busy === "add"} onClick={() => void add()} data-testid="receiver-add">
          {t("receiver.add")}
        </Button>
      </Space>
      {editing && (
        <TemplateEditor
          draft={editing.draft}
          isNew={editing.index === null}
          error={editing.error}
          saving={busy === "save"}
          resetting={busy === "reset"}
          onChange={(draft) => setEditing({ ...editing, draft })}
          onReset={() => void reset()}
          onSave={() => void saveEditing()}
          onCancel={() => setEditing(null)}
        />
      )}
    </Card>
  );
}
