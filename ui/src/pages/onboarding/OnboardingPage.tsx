/**
 * 入驻向导: the onboarding guide. Answers "where am I, what do I do next" (the tracker), "what can I
 * apply for" (app types, Taobaoke), "what do I need" (materials, app details) and "which scenario"
 * — all from the documents the core carries.
 */
import { useState } from "react";
import { Card, Tabs, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { TrackerTab } from "./TrackerTab";
import { AppTypesTab } from "./AppTypesTab";
import { TaobaokeTab } from "./TaobaokeTab";
import { MaterialsTab } from "./MaterialsTab";
import { ScenariosTab } from "./ScenariosTab";
import { AppDetailsTab } from "./AppDetailsTab";

export type OnboardingTab = "tracker" | "app_types" | "taobaoke" | "materials" | "scenarios" | "app_details";

export function OnboardingPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<OnboardingTab>("tracker");
  const items = [
    { key: "tracker", label: t("onboarding.tabs.tracker"), children: <TrackerTab openTab={setTab} /> },
    { key: "app_types", label: t("onboarding.tabs.appTypes"), children: <AppTypesTab /> },
    { key: "taobaoke", label: t("onboarding.tabs.taobaoke"), children: <TaobaokeTab /> },
    { key: "materials", label: t("onboarding.tabs.materials"), children: <MaterialsTab /> },
    { key: "scenarios", label: t("onboarding.tabs.scenarios"), children: <ScenariosTab /> },
    { key: "app_details", label: t("onboarding.tabs.appDetails"), children: <AppDetailsTab /> },
  ];
  return (
    <div className="page">
      <Card>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t("onboarding.title")}
        </Typography.Title>
        <Tabs activeKey={tab} onChange={(key) => setTab(key as OnboardingTab)} items={items} destroyOnHidden={false} />
      </Card>
    </div>
  );
}
