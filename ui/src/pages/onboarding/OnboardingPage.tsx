/**
 * 入驻向导: the onboarding guide, as two separate journeys. Connecting a system to 旺店通 through Qimen
 * answers "where am I, what do I do next" (the tracker), "what can I apply for" (app types), "what do I
 * need" (materials, app details) and "which scenario". The Taobaoke permission packages are another
 * journey (an affiliate site or app applying to Alimama), kept apart so neither path confuses the other.
 */
import { useState } from "react";
import { Card, Segmented, Tabs, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { TrackerTab } from "./TrackerTab";
import { AppTypesTab } from "./AppTypesTab";
import { TaobaokeTab } from "./TaobaokeTab";
import { MaterialsTab } from "./MaterialsTab";
import { ScenariosTab } from "./ScenariosTab";
import { AppDetailsTab } from "./AppDetailsTab";

export type OnboardingTab = "tracker" | "app_types" | "taobaoke" | "materials" | "scenarios" | "app_details";
type Journey = "wdt" | "taobaoke";

export function OnboardingPage() {
  const { t } = useTranslation();
  const [journey, setJourney] = useState<Journey>("wdt");
  const [tab, setTab] = useState<OnboardingTab>("tracker");
  const openTab = (next: OnboardingTab) => {
    if (next === "taobaoke") {
      setJourney("taobaoke");
      return;
    }
    setJourney("wdt");
    setTab(next);
  };
  const items = [
    { key: "tracker", label: t("onboarding.tabs.tracker"), children: <TrackerTab openTab={openTab} /> },
    { key: "app_types", label: t("onboarding.tabs.appTypes"), children: <AppTypesTab openTaobaoke={() => openTab("taobaoke")} /> },
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
        <Segmented<Journey>
          value={journey}
          onChange={setJourney}
          style={{ marginBottom: 12 }}
          data-testid="onboarding-journey"
          options={[
            { value: "wdt", label: t("onboarding.journey.wdt") },
            { value: "taobaoke", label: t("onboarding.journey.taobaoke") },
          ]}
        />
        <Typography.Paragraph type="secondary">{t(`onboarding.journey.${journey}Intro`)}</Typography.Paragraph>
        {journey === "wdt" ? (
          <Tabs activeKey={tab === "taobaoke" ? "tracker" : tab} onChange={(key) => setTab(key as OnboardingTab)} items={items} destroyOnHidden={false} />
        ) : (
          <TaobaokeTab />
        )}
      </Card>
    </div>
  );
}
