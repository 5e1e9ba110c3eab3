/**
 * The list of profiles (one per app) with create, edit, duplicate and delete. The form lives in a drawer
 * so the list stays in sight.
 */
import { useState } from "react";
import { App, Button, Card, Popconfirm, Space, Table, Tag, Tooltip, Typography } from "antd";
import { CopyOutlined, DeleteOutlined, EditOutlined, PlusOutlined, CheckOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import * as api from "../../api/commands";
import type { ProfileView } from "../../api/bindings/ProfileView";
import { useWorkbench } from "../../state/workbench";
import { environmentIdOf, environmentLabel } from "../../components/environments";
import { ProfileFormDrawer } from "./ProfileFormDrawer";
import { useShowError } from "../../components/errors";

/** `null`: closed; `"new"`: the create form; otherwise the profile being edited. */
type Editing = null | "new" | ProfileView;

export function ProfilesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const wb = useWorkbench();
  const { profiles, currentProfile, environments, language, createProfileRequested } = wb;
  const [editing, setEditing] = useState<Editing>(null);

  // Another screen asked for the create form (each ask counts one up): open it once per ask.
  const [asksSeen, setAsksSeen] = useState(0);
  if (asksSeen !== createProfileRequested) {
    setAsksSeen(createProfileRequested);
    setEditing("new");
  }

  const envName = (profile: ProfileView) => {
    const id = environmentIdOf(profile.environment, environments);
    const env = environments.find((e) => e.id === id);
    return env ? environmentLabel(env, language) : id;
  };

  const duplicate = async (profile: ProfileView) => {
    try {
      const copy = await api.profileDuplicate(profile.id);
      await wb.reloadProfiles();
      message.success(t("profiles.duplicated", { name: copy.name }));
    } catch (raw) {
      showError(raw);
    }
  };

  const remove = async (profile: ProfileView) => {
    try {
      await api.profileDelete(profile.id);
      await wb.reloadProfiles();
      wb.setInfo(await api.appInfo());
      message.success(t("profiles.deleted", { name: profile.name }));
    } catch (raw) {
      showError(raw);
    }
  };

  const select = async (profile: ProfileView) => {
    try {
      await wb.selectProfile(profile.id);
    } catch (raw) {
      showError(raw);
    }
  };

  return (
    <div className="page">
      <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 16 }} wrap>
        <h1 className="page-title" style={{ margin: 0 }}>
          {t("nav.profiles")}
        </h1>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing("new")} data-testid="profile-create">
          {t("profiles.create")}
        </Button>
      </Space>
      <Typography.Paragraph type="secondary">{t("profiles.intro")}</Typography.Paragraph>
      <Card>
        <Table<ProfileView>
          rowKey="id"
          dataSource={profiles}
          pagination={false}
          scroll={{ x: 820 }}
          locale={{ emptyText: t("profiles.empty") }}
          columns={[
            {
              title: t("profiles.fields.name"),
              dataIndex: "name",
              render: (name: string, row) => (
                <Space size={6} wrap>
                  <Typography.Text strong>{name}</Typography.Text>
                  {row.id === currentProfile?.id && <Tag color="blue">{t("profiles.current")}</Tag>}
                  {row.is_demo && <Tag color="orange">{t("topBar.demo")}</Tag>}
                </Space>
              ),
            },
            { title: t("terms.appKey.label"), dataIndex: "app_key", render: (v: string) => <span className="mono">{v}</span> },
            {
              title: t("terms.appSecret.label"),
              dataIndex: "secret_stored",
              render: (stored: boolean, row) =>
                stored ? (
                  <Tooltip title={t("profiles.secretStoredHelp")}>
                    <Tag color="green">
                      {t("profiles.secretStored")} {row.secret_hint ?? ""}
                    </Tag>
                  </Tooltip>
                ) : (
                  <Tag color="red">{t("profiles.secretMissing")}</Tag>
                ),
            },
            { title: t("terms.environment.label"), key: "environment", render: (_v, row) => envName(row) },
            {
              title: t("common.actions"),
              width: 190,
              fixed: "right",
              render: (_v, row) => (
                <Space size={0}>
                  <Tooltip title={t("profiles.use")}>
                    <Button type="text" icon={<CheckOutlined />} aria-label={t("profiles.use")} disabled={row.id === currentProfile?.id} onClick={() => void select(row)} />
                  </Tooltip>
                  <Tooltip title={t("common.edit")}>
                    <Button type="text" icon={<EditOutlined />} aria-label={t("common.edit")} onClick={() => setEditing(row)} />
                  </Tooltip>
                  <Tooltip title={t("profiles.duplicate")}>
                    <Button type="text" icon={<CopyOutlined />} aria-label={t("profiles.duplicate")} onClick={() => void duplicate(row)} />
                  </Tooltip>
                  <Popconfirm
                    title={t("profiles.deleteConfirm", { name: row.name })}
                    description={t("profiles.deleteConfirmBody")}
                    onConfirm={() => void remove(row)}
                    okText={t("common.delete")}
                    cancelText={t("common.cancel")}
                    okButtonProps={{ danger: true }}
                  >
                    <Button type="text" danger icon={<DeleteOutlined />} aria-label={t("common.delete")} />
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <ProfileFormDrawer
        editing={editing}
        onClose={() => setEditing(null)}
        onSaved={async (saved) => {
          await wb.reloadProfiles();
          message.success(saved.carried_guide ? t("profiles.savedWithGuide", { name: saved.name }) : t("profiles.saved", { name: saved.name }));
          setEditing(null);
        }}
      />
    </div>
  );
}
