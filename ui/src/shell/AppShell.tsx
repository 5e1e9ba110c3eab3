/**
 * The frame around every screen: the left navigation, the top bar and the page area. Pages stay mounted
 * once visited, so what the user typed in the console is still there after a look at the history.
 */
import { Suspense, useState, type ComponentType, type ReactNode } from "react";
import { Alert, Button, Layout, Menu, Result } from "antd";
import { BugOutlined, CloudServerOutlined, CompassOutlined, ExperimentOutlined, HistoryOutlined, IdcardOutlined, SettingOutlined, SwapOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { useWorkbench, type PageKey } from "../state/workbench";
import { TopBar } from "./TopBar";
import { KeyringBanner } from "./KeyringBanner";
import { PageSkeleton } from "./PageSkeleton";
import { preloadable, type Preloadable } from "../components/preloadable";
import { ConsolePage } from "../pages/console/ConsolePage";
import { PlayCircleOutlined, SafetyCertificateOutlined } from "@ant-design/icons";

// The console is the first screen; every other page (and what only it uses) loads when first opened,
// or as the pointer comes to its menu entry, so that a click usually finds it loaded and it draws at
// once instead of behind a skeleton.
const named = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) =>
  preloadable(() => load().then((module) => module[name]));
const LATER_PAGES: Record<Exclude<PageKey, "console">, Preloadable<object>> = {
  onboarding: named(() => import("../pages/onboarding/OnboardingPage"), "OnboardingPage"),
  history: named(() => import("../pages/history/HistoryPage"), "HistoryPage"),
  profiles: named(() => import("../pages/profiles/ProfilesPage"), "ProfilesPage"),
  settings: named(() => import("../pages/settings/SettingsPage"), "SettingsPage"),
  session: named(() => import("../pages/session/SessionPage"), "SessionPage"),
  repro: named(() => import("../pages/repro/ReproPage"), "ReproPage"),
  traffic: named(() => import("../pages/traffic/TrafficPage"), "TrafficPage"),
  receiver: named(() => import("../pages/receiver/ReceiverPage"), "ReceiverPage"),
  tour: named(() => import("../pages/tour/TourPage"), "TourPage"),
};

function pageOf(key: PageKey): ReactNode {
  if (key === "console") return <ConsolePage />;
  const { Component } = LATER_PAGES[key];
  return <Component />;
}

const preloadPage = (key: PageKey) => {
  if (key !== "console") void LATER_PAGES[key].preload().catch(() => undefined);
};

export function AppShell() {
  const { t } = useTranslation();
  const { info, loadError, page, navigate, reload } = useWorkbench();
  const [visited, setVisited] = useState<Set<PageKey>>(() => new Set<PageKey>(["console"]));
  const [collapsed, setCollapsed] = useState(false);

  const go = (next: PageKey) => {
    setVisited((seen) => new Set(seen).add(next));
    navigate(next);
  };
  if (!visited.has(page)) setVisited((seen) => new Set(seen).add(page));

  // Later pages (onboarding guide, session capture) join this list when they exist; no dead links meanwhile.
  const entries = [
    { key: "onboarding", icon: <CompassOutlined />, label: t("nav.onboarding") },
    { key: "tour", icon: <PlayCircleOutlined />, label: t("tour.nav") },
    { key: "console", icon: <ExperimentOutlined />, label: t("nav.console") },
    { key: "repro", icon: <BugOutlined />, label: t("nav.repro") },
    { key: "traffic", icon: <SwapOutlined />, label: t("nav.traffic") },
    { key: "receiver", icon: <CloudServerOutlined />, label: t("nav.receiver") },
    { key: "history", icon: <HistoryOutlined />, label: t("nav.history") },
    { key: "profiles", icon: <IdcardOutlined />, label: t("nav.profiles") },
    { key: "session", icon: <SafetyCertificateOutlined />, label: t("nav.session") },
    { key: "settings", icon: <SettingOutlined />, label: t("nav.settings") },
  ];
  const items = entries.map((entry) => ({ ...entry, onMouseEnter: () => preloadPage(entry.key as PageKey) }));

  let body: ReactNode;
  if (loadError && !info) {
    body = (
      <>
        <KeyringBanner />
        <Result
          status="error"
          title={t("shell.loadFailed")}
          subTitle={loadError.message}
          extra={
            <Button type="primary" onClick={() => void reload()}>
              {t("common.retry")}
            </Button>
          }
        />
      </>
    );
  } else if (!info) {
    // The layout of the page to come, not a spinner over an empty window.
    body = <PageSkeleton label={t("shell.loading")} />;
  } else {
    body = (
      <>
        <KeyringBanner />
        {[...visited].map((key) => (
          <div key={key} style={{ display: key === page ? "block" : "none" }}>
            <Suspense fallback={<PageSkeleton />}>{pageOf(key)}</Suspense>
          </div>
        ))}
      </>
    );
  }

  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Layout.Sider width={200} breakpoint="xl" collapsible collapsed={collapsed} onCollapse={setCollapsed} className="app-sider">
        <div className="brand">
          <span className="brand-mark">{t("app.mark")}</span>
          {!collapsed && <span>{t("app.name")}</span>}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[page]}
          items={items}
          onClick={({ key }) => go(key as PageKey)}
        />
      </Layout.Sider>
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header className="top-bar">
          <TopBar />
        </Layout.Header>
        <Layout.Content style={{ minWidth: 0 }}>
          {loadError && info && !loadError.is("keyring") && (
            <Alert
              type="error"
              showIcon
              banner
              message={loadError.message}
              action={
                <Button size="small" onClick={() => void reload()}>
                  {t("common.retry")}
                </Button>
              }
            />
          )}
          {body}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
