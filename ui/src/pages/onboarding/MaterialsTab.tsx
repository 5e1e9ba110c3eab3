/**
 * The materials checklist of the current profile (document 003 §三.1, §三.3): who sells the software
 * decides the items; each item can be ticked and given files (native open dialog), and the whole list
 * exported as a document to send on (native save dialog). The client password never appears here.
 */
import { useCallback, useEffect, useState } from "react";
import { Alert, App, Button, Card, Checkbox, Empty, Radio, Space, Tag, Typography } from "antd";
import { DeleteOutlined, ExportOutlined, PaperClipOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import * as api from "../../api/commands";
import type { MaterialsView } from "../../api/bindings/MaterialsView";
import type { CaseId } from "../../api/bindings/CaseId";
import { useWorkbench } from "../../state/workbench";
import { Term } from "../../components/Term";
import { SourceLink, useText } from "./shared";
import { useShowError } from "../../components/errors";

export function MaterialsTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const { currentProfile, language } = useWorkbench();
  const loc = useText();
  const [view, setView] = useState<MaterialsView | null>(null);
  const profileId = currentProfile?.id;

  const run = useCallback(
    async (action: () => Promise<MaterialsView | null>) => {
      try {
        const next = await action();
        if (next) setView(next);
      } catch (raw) {
        showError(raw);
      }
    },
    [showError],
  );

  useEffect(() => {
    if (profileId === undefined) return;
    let live = true;
    api.materialsGet(profileId).then((next) => live && setView(next), showError);
    return () => {
      live = false;
    };
  }, [profileId, showError]);

  if (profileId === undefined) return <Empty description={t("onboarding.noProfile")} />;
  if (!view) return null;

  const exportList = async () => {
    try {
      const written = await api.materialsExport(profileId, language);
      if (written) message.success(t("onboarding.materials.exported", { path: written.path }));
    } catch (raw) {
      showError(raw);
    }
  };

  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Card size="small" title={t("onboarding.materials.whoSells")}>
        <Radio.Group value={view.case} onChange={(e) => void run(() => api.materialsSetCase(profileId, e.target.value as CaseId))}>
          <Space direction="vertical">
            {view.cases.map((c) => (
              <Radio key={c.id} value={c.id}>
                <Typography.Text strong>{loc(c.title)}</Typography.Text> <Typography.Text type="secondary">{loc(c.text)}</Typography.Text>
                <SourceLink document="003" source={c.source} />
              </Radio>
            ))}
          </Space>
        </Radio.Group>
      </Card>
      {view.case === null ? (
        <Alert type="info" showIcon message={t("onboarding.materials.pickCase")} />
      ) : (
        <>
          <Space>
            <Typography.Text data-testid="materials-done">{t("onboarding.materials.done", { done: view.done, total: view.total })}</Typography.Text>
            <Button icon={<ExportOutlined />} onClick={() => void exportList()}>
              {t("onboarding.materials.export")}
            </Button>
          </Space>
          {view.sections.map((section) => {
            const items = view.items.filter((item) => item.section === section.id);
            if (items.length === 0) return null;
            return (
              <Card
                key={section.id}
                size="small"
                title={section.id === "mrd" || section.id === "prd" ? <Term name={section.id} label={loc(section.name)} /> : loc(section.name)}
                extra={<SourceLink document="003" source={section.source} />}
              >
                {section.intro && <Typography.Paragraph type="secondary">{loc(section.intro)}</Typography.Paragraph>}
                {items.map((item) => (
                  <div key={item.id} style={{ marginBottom: 8 }}>
                    <Checkbox checked={item.done} onChange={(e) => void run(() => api.materialsSetDone(profileId, item.id, e.target.checked))}>
                      {loc(item.text)}
                    </Checkbox>
                    {item.holds_secret ? (
                      <Tag>
                        {view.client_login.password_stored ? t("onboarding.materials.passwordStored") : t("onboarding.materials.passwordInDetails")}
                      </Tag>
                    ) : (
                      <Button size="small" icon={<PaperClipOutlined />} onClick={() => void run(() => api.materialsAttach(profileId, item.id))}>
                        {t("onboarding.materials.attach")}
                      </Button>
                    )}
                    {item.files.map((file) => (
                      <div key={file.path} style={{ marginLeft: 24 }}>
                        <Typography.Text title={file.path}>📎 {file.name}</Typography.Text>
                        <Button
                          size="small"
                          type="text"
                          aria-label={t("onboarding.materials.detach", { name: file.name })}
                          icon={<DeleteOutlined />}
                          onClick={() => void run(() => api.materialsDetach(profileId, item.id, file.path))}
                        />
                      </div>
                    ))}
                  </div>
                ))}
              </Card>
            );
          })}
        </>
      )}
    </Space>
  );
}
