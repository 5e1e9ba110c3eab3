/**
 * The frame around every screen: the left navigation, the top bar and the page area. Pages stay mounted
 * once visited, so what the user typed in the console is still there after a look at the history.
 */
import { lazy, Suspense, useState, type ComponentType, type ReactNode } from "react";
import { Alert, Button, Layout, Menu, Result } from "antd";
import { BugOutlined, CloudServerOutlined, CompassOutlined, ExperimentOutlined, HistoryOutlined, IdcardOutlined, SettingOutlined, SwapOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { useWorkbench, type PageKey } from "../state/workbench";
import { TopBar } from "./TopBar";
import { KeyringBanner } from "./KeyringBanner";
import { PageSkeleton } from "./PageSkeleton";
import { ConsolePage } from "../pages/console/ConsolePage";
import { PlayCircleOutlined, SafetyCertificateOutlined } from "@ant-design/icons";

// The console is the first screen; every other page (and what only it uses) loads when first opened.
const named = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) =>
  lazy(() => load().then((module) => ({ default: module[name] })));
const OnboardingPage = named(() => import("../pages/onboarding/OnboardingPage"), "OnboardingPage");
const HistoryPage = named(() => import("../pages/history/HistoryPage"), "HistoryPage");
const ProfilesPage = named(() => import("../pages/profiles/ProfilesPage"), "ProfilesPage");
const SettingsPage = named(() => import("../pages/settings/SettingsPage"), "SettingsPage");
const SessionPage = named(() => import("../pages/session/SessionPage"), "SessionPage");
const ReproPage = named(() => import("../pages/repro/ReproPage"), "ReproPage");
const TrafficPage = named(() => import("../pages/traffic/TrafficPage"), "TrafficPage");
const ReceiverPage = named(() => import("../pages/receiver/ReceiverPage"), "ReceiverPage");
const TourPage = named(() => import("../pages/tour/TourPage"), "TourPage");

const PAGES: Record<PageKey, () => ReactNode> = {
  onboarding: () => <OnboardingPage />,
  console: () => <ConsolePage />,
  history: () => <HistoryPage />,
  profiles: () => <ProfilesPage />,
  settings: () => <SettingsPage />,
  session: () => <SessionPage />,
  repro: () => <ReproPage />,
  traffic: () => <TrafficPage />,
  receiver: () => <ReceiverPage />,
  tour: () => <TourPage />,
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
  const items = [
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
            <Suspense fallback={<PageSkeleton />}>{PAGES[key]()}</Suspense>
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
