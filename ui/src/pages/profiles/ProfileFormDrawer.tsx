/**
 * Create or edit one profile. Secrets are never prefilled: the field is empty, says "已保存" when the
 * keyring holds one, and only what the user types replaces it. When the core rejects the form, its
 * message goes next to the field it names and everything typed stays where it was.
 */
import { useEffect, useEffectEvent, useState } from "react";
import { Alert, Button, Checkbox, Col, Divider, Drawer, Form, Input, Row, Select, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import * as api from "../../api/commands";
import { toIpcFailure } from "../../api/ipc";
import type { ProfileForm } from "../../api/bindings/ProfileForm";
import type { ProfileView } from "../../api/bindings/ProfileView";
import { useWorkbench } from "../../state/workbench";
import { Term } from "../../components/Term";
import type { ProfileRole } from "../../api/bindings/ProfileRole";
import type { EnvironmentOption } from "../../api/bindings/EnvironmentOption";
import { EnvironmentSelect } from "../../components/EnvironmentSelect";
import { environmentFromId, environmentIdOf } from "../../components/environments";
import { blankToNull } from "../../components/forms";
import { fieldOfError } from "./profileErrors";
import { ROLES, SCENARIOS } from "./options";
import { useLanguageBound } from "../../i18n/useLanguageBound";

/** What the form holds: text as typed, the environment as the id the picker shows, secrets as typed. */
interface Values {
  name: string;
  app_key: string;
  app_secret?: string;
  role: ProfileRole;
  scenario?: string;
  environment: string;
  callback_url?: string;
  target_app_key?: string;
  customer_id?: string;
  wdt_sid?: string;
  wdt_appkey?: string;
  wdt_secret?: string;
}

const FIELDS = [
  "name",
  "app_key",
  "app_secret",
  "role",
  "scenario",
  "environment",
  "callback_url",
  "target_app_key",
  "customer_id",
  "wdt_sid",
  "wdt_appkey",
  "wdt_secret",
] as const;

function fromView(view: ProfileView, environments: EnvironmentOption[]): Values {
  return {
    name: view.name,
    app_key: view.app_key,
    role: view.role,
    scenario: view.scenario === "" ? undefined : view.scenario,
    environment: environmentIdOf(view.environment, environments),
    callback_url: view.callback_url ?? undefined,
    target_app_key: view.target_app_key ?? undefined,
    customer_id: view.customer_id ?? undefined,
    wdt_sid: view.wdt_sid ?? undefined,
    wdt_appkey: view.wdt_appkey ?? undefined,
  };
}

function SecretStatus({ stored, hint }: { stored: boolean; hint: string | null }) {
  const { t } = useTranslation();
  if (!stored) return null;
  return (
    <Space size={6} wrap>
      <Tag color="green" data-testid="secret-stored">
        {t("profiles.secretStored")}
        {hint ? ` ${hint}` : ""}
      </Tag>
      <Typography.Text type="secondary">{t("profiles.secretKeepHint")}</Typography.Text>
    </Space>
  );
}

export function ProfileFormDrawer({
  editing,
  onClose,
  onSaved,
}: {
  editing: null | "new" | ProfileView;
  onClose: () => void;
  onSaved: (saved: ProfileView) => Promise<void>;
}) {
  const { t } = useTranslation();
  const { environments, currentProfile } = useWorkbench();
  const [form] = Form.useForm<Values>();
  // A real profile made while the demo profile is selected takes the guide's work done in demo mode.
  const demoToCarry = editing === "new" && currentProfile?.is_demo ? currentProfile : null;
  const [carryGuide, setCarryGuide] = useState(true);
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useLanguageBound<string>();
  const editingId = editing === null ? null : editing === "new" ? "new" : editing.id;
  const view = editing !== null && editing !== "new" ? editing : null;

  // Each opening starts afresh: no error from the last time, and the form filled from the target.
  const [openedFor, setOpenedFor] = useState(editingId);
  if (openedFor !== editingId) {
    setOpenedFor(editingId);
    if (editingId !== null) setFormError(null);
  }
  // The form is filled from the profile (and the environments) as they are when the drawer opens;
  // later changes to them must not overwrite what is being typed.
  const fill = useEffectEvent(() => {
    form.resetFields();
    if (view) form.setFieldsValue(fromView(view, environments));
    else form.setFieldsValue({ role: "erp", environment: environments.find((e) => e.is_local)?.id ?? environments[0]?.id });
  });
  useEffect(() => {
    if (editingId !== null) fill();
  }, [editingId]);

  const submit = async (values: Values) => {
    setSaving(true);
    setFormError(null);
    const environment = environmentFromId(values.environment ?? "", environments);
    if (!environment) {
      form.setFields([{ name: "environment", errors: [t("profiles.badEnvironment")] }]);
      setSaving(false);
      return;
    }
    const payload: ProfileForm = {
      id: view?.id ?? null,
      name: values.name.trim(),
      app_key: values.app_key.trim(),
      role: values.role,
      scenario: values.scenario ?? "",
      environment,
      callback_url: blankToNull(values.callback_url),
      target_app_key: blankToNull(values.target_app_key),
      customer_id: blankToNull(values.customer_id),
      wdt_sid: blankToNull(values.wdt_sid),
      wdt_appkey: blankToNull(values.wdt_appkey),
      is_demo: view?.is_demo ?? false,
      // A secret left blank keeps what is stored.
      app_secret: blankToNull(values.app_secret),
      wdt_secret: blankToNull(values.wdt_secret),
      carry_guide_from: demoToCarry && carryGuide ? demoToCarry.id : null,
    };
    try {
      const saved = await api.profileSave(payload);
      // Secrets typed once are gone from the form as soon as the keyring has them.
      form.setFieldsValue({ app_secret: "", wdt_secret: "" });
      await onSaved(saved);
    } catch (raw) {
      const failure = toIpcFailure(raw);
      const field = fieldOfError(failure.code, FIELDS);
      if (field) form.setFields([{ name: field, errors: [failure.message] }]);
      else setFormError(failure.message);
    } finally {
      setSaving(false);
    }
  };

  const required = (label: string) => [{ required: true, whitespace: true, message: t("profiles.required", { field: label }) }];

  return (
    <Drawer
      open={editing !== null}
      onClose={onClose}
      width="min(720px, 94vw)"
      title={view ? t("profiles.editTitle", { name: view.name }) : t("profiles.createTitle")}
      forceRender
      extra={
        <Space>
          <Button onClick={onClose}>{t("common.cancel")}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="profile-save">
            {t("common.save")}
          </Button>
        </Space>
      }
    >
      {formError && <Alert type="error" showIcon style={{ marginBottom: 16 }} message={formError} data-testid="profile-form-error" />}
      <Form<Values> form={form} layout="vertical" onFinish={(values) => void submit(values)} requiredMark>
        {demoToCarry && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            message={
              <Checkbox checked={carryGuide} onChange={(e) => setCarryGuide(e.target.checked)} data-testid="carry-guide">
                {t("profiles.carryGuide")}
              </Checkbox>
            }
            description={t("profiles.carryGuideHelp")}
          />
        )}
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="name" label={t("profiles.fields.name")} rules={required(t("profiles.fields.name"))} extra={t("profiles.help.name")}>
              <Input aria-label={t("profiles.fields.name")} maxLength={80} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="environment" label={<Term name="environment" />} rules={required(t("terms.environment.label"))}>
              <EnvironmentSelect ariaLabel={t("terms.environment.label")} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="app_key" label={<Term name="appKey" />} rules={required(t("terms.appKey.label"))}>
              <Input aria-label={t("terms.appKey.label")} className="mono" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="app_secret"
              label={<Term name="appSecret" />}
              extra={view ? <SecretStatus stored={view.secret_stored} hint={view.secret_hint} /> : t("profiles.help.secret")}
            >
              <Input.Password
                aria-label={t("terms.appSecret.label")}
                autoComplete="new-password"
                placeholder={view?.secret_stored ? t("profiles.secretPlaceholderKeep") : t("profiles.secretPlaceholder")}
                data-testid="app-secret"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="role" label={<Term name="role" />} rules={[{ required: true, message: t("profiles.required", { field: t("terms.role.label") }) }]}>
              <Select aria-label={t("terms.role.label")} options={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="scenario" label={<Term name="scenario" />}>
              <Select
                allowClear
                aria-label={t("terms.scenario.label")}
                options={SCENARIOS.map((scenario) => ({ value: scenario, label: t(`scenarios.${scenario}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="callback_url" label={<Term name="callbackUrl" />} extra={t("profiles.help.callbackUrl")}>
              <Input aria-label={t("terms.callbackUrl.label")} className="mono" placeholder="https://erp.example.com/callback" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="target_app_key" label={<Term name="targetAppKey" />}>
              <Input aria-label={t("terms.targetAppKey.label")} className="mono" placeholder="21363512" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="customer_id" label={<Term name="customerId" />}>
              <Input aria-label={t("terms.customerId.label")} className="mono" />
            </Form.Item>
          </Col>
        </Row>
        <Divider orientation="left" plain>
          {t("profiles.wdtSection")}
        </Divider>
        <Typography.Paragraph type="secondary">{t("profiles.wdtHelp")}</Typography.Paragraph>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="wdt_sid" label={<Term name="wdtSid" />}>
              <Input aria-label={t("terms.wdtSid.label")} className="mono" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="wdt_appkey" label={<Term name="wdtAppKey" />}>
              <Input aria-label={t("terms.wdtAppKey.label")} className="mono" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="wdt_secret"
              label={<Term name="wdtSecret" />}
              extra={view ? <SecretStatus stored={view.wdt_secret_stored} hint={view.wdt_secret_hint} /> : null}
            >
              <Input.Password
                aria-label={t("terms.wdtSecret.label")}
                autoComplete="new-password"
                placeholder={view?.wdt_secret_stored ? t("profiles.secretPlaceholderKeep") : t("profiles.secretPlaceholder")}
              />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
