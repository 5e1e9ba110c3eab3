/**
 * The app-creation details of document 003 §三.4 for the current profile: app name, AppKey, AppSecret
 * and the client password (both to the keyring, never shown back), callback URL, published, developer
 * email and phone. The core checks every field; its complaint is shown next to the field it names.
 */
import { useEffect, useState } from "react";
import { Alert, App, Button, Card, Empty, Form, Input, Switch, Typography } from "antd";
import { useTranslation } from "react-i18next";
import * as api from "../../api/commands";
import { toIpcFailure, type IpcFailure } from "../../api/ipc";
import type { AppDetailsView } from "../../api/bindings/AppDetailsView";
import { useWorkbench } from "../../state/workbench";
import { blankToNull } from "../../components/forms";
import { Term } from "../../components/Term";
import { useLanguageBound } from "../../i18n/useLanguageBound";

const FIELDS = ["app_name", "app_key", "app_secret", "callback_url", "published", "developer_email", "developer_phone", "client_login_name", "client_password"] as const;
type Field = (typeof FIELDS)[number];
type Values = { [K in Field]?: K extends "published" ? boolean : string };
const PREFIX = "validation.app_details.";

export function AppDetailsTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const wb = useWorkbench();
  const [form] = Form.useForm<Values>();
  const [view, setView] = useState<AppDetailsView | null>(null);
  const [error, setError] = useLanguageBound<IpcFailure>();
  const profileId = wb.currentProfile?.id;

  useEffect(() => {
    if (profileId === undefined) return;
    api
      .appDetailsGet(profileId)
      .then((next) => {
        setView(next);
        const d = next.details;
        form.setFieldsValue({
          app_name: d?.app_name ?? "",
          app_key: next.profile.app_key,
          callback_url: next.profile.callback_url ?? "",
          published: d?.published ?? false,
          developer_email: d?.developer_email ?? "",
          developer_phone: d?.developer_phone ?? "",
          client_login_name: d?.client_login_name ?? "",
        });
      })
      .catch((raw) => setError(toIpcFailure(raw)));
  }, [profileId, form, setError]);

  if (profileId === undefined) return <Empty description={t("onboarding.noProfile")} />;

  const save = async () => {
    const v = form.getFieldsValue();
    form.setFields(FIELDS.map((name) => ({ name, errors: [] })));
    setError(null);
    try {
      const next = await api.appDetailsSave(profileId, {
        app_name: (v.app_name ?? "").trim(),
        app_key: (v.app_key ?? "").trim(),
        // A secret left blank keeps the stored one.
        app_secret: blankToNull(v.app_secret),
        client_password: blankToNull(v.client_password),
        callback_url: blankToNull(v.callback_url),
        published: v.published ?? false,
        developer_email: blankToNull(v.developer_email),
        developer_phone: blankToNull(v.developer_phone),
        client_login_name: blankToNull(v.client_login_name),
      });
      setView(next);
      form.setFieldsValue({ app_secret: "", client_password: "" });
      await wb.reloadProfiles();
      message.success(t("onboarding.details.saved"));
    } catch (raw) {
      const failure = toIpcFailure(raw);
      const field = FIELDS.find((name) => failure.code === PREFIX + name);
      // The core lists every failing field, one per line (or "; "); the code names the first.
      const lines = failure.message.split(/\n|; /);
      if (field) form.setFields([{ name: field, errors: [lines[0] ?? failure.message] }]);
      if (!field || lines.length > 1) setError(failure);
    }
  };

  const secretHint = (stored: boolean) => (stored ? t("onboarding.details.secretKept") : t("onboarding.details.secretNone"));

  return (
    <Card size="small">
      <Typography.Paragraph type="secondary">{t("onboarding.details.intro")}</Typography.Paragraph>
      {error && <Alert type="error" showIcon message={<span style={{ whiteSpace: "pre-line" }}>{error.message}</span>} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" style={{ maxWidth: 560 }}>
        <Form.Item name="app_name" label={t("onboarding.details.app_name")} extra={t("onboarding.details.app_nameHelp")}>
          <Input />
        </Form.Item>
        <Form.Item name="app_key" label="AppKey">
          <Input />
        </Form.Item>
        <Form.Item name="app_secret" label="AppSecret" extra={secretHint(view?.profile.secret_stored ?? false)}>
          <Input.Password autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="callback_url"
          label={t("onboarding.details.callback_url")}
          extra={
            <>
              {t("onboarding.details.callback_urlHelp")} <Term name="session" />
            </>
          }
        >
          <Input />
        </Form.Item>
        <Form.Item name="published" label={t("onboarding.details.published")} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="developer_email" label={t("onboarding.details.developer_email")}>
          <Input />
        </Form.Item>
        <Form.Item name="developer_phone" label={t("onboarding.details.developer_phone")} extra={t("onboarding.details.developer_phoneHelp")}>
          <Input />
        </Form.Item>
        <Form.Item name="client_login_name" label={t("onboarding.details.client_login_name")} extra={t("onboarding.details.client_login_nameHelp")}>
          <Input />
        </Form.Item>
        <Form.Item name="client_password" label={t("onboarding.details.client_password")} extra={secretHint(view?.client_password_stored ?? false)}>
          <Input.Password autoComplete="off" />
        </Form.Item>
        <Button type="primary" onClick={() => void save()}>
          {t("common.save")}
        </Button>
      </Form>
    </Card>
  );
}
