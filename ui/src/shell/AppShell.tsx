/**
 * The frame around every screen: the left navigation, the top bar and the page area. Pages stay mounted
 * once visited, so what the user typed in the console is still there after a look at the history.
 */
import { useState, type ReactNode } from "react";
import { Alert, Button, Layout, Menu, Result, Spin } from "antd";
import { BugOutlined, CompassOutlined, ExperimentOutlined, HistoryOutlined, IdcardOutlined, SettingOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { useWorkbench, type PageKey } from "../state/workbench";
import { TopBar } from "./TopBar";
import { KeyringBanner } from "./KeyringBanner";
import { ConsolePage } from "../pages/console/ConsolePage";
import { HistoryPage } from "../pages/history/HistoryPage";
import { ProfilesPage } from "../pages/profiles/ProfilesPage";
import { SettingsPage } from "../pages/settings/SettingsPage";
import { OnboardingPage } from "../pages/onboarding/OnboardingPage";
import { SessionPage } from "../pages/session/SessionPage";
import { ReproPage } from "../pages/repro/ReproPage";
import { SafetyCertificateOutlined } from "@ant-design/icons";

const PAGES: Record<PageKey, () => ReactNode> = {
  onboarding: () => <OnboardingPage />,
  console: () => <ConsolePage />,
  history: () => <HistoryPage />,
  profiles: () => <ProfilesPage />,
  settings: () => <SettingsPage />,
  session: () => <SessionPage />,
  repro: () => <ReproPage />,
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
    { key: "console", icon: <ExperimentOutlined />, label: t("nav.console") },
    { key: "repro", icon: <BugOutlined />, label: t("nav.repro") },
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
    body = (
      <div style={{ display: "flex", justifyContent: "center", paddingTop: 120 }}>
        <Spin size="large" tip={t("shell.loading")}>
          <div style={{ width: 200, height: 60 }} />
        </Spin>
      </div>
    );
  } else {
    body = (
      <>
        <KeyringBanner />
        {[...visited].map((key) => (
          <div key={key} style={{ display: key === page ? "block" : "none" }}>
            {PAGES[key]()}
          </div>
        ))}
      </>
    );
  }

  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Layout.Sider width={200} breakpoint="lg" collapsible collapsed={collapsed} onCollapse={setCollapsed} className="app-sider">
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
