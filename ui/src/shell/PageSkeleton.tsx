/**
 * The shape of the app while something loads: grey lines where a page's cards will be, and, before
 * the data is open at all, the whole frame (dark side bar, top bar) around them.
 */
import { Layout, Skeleton } from "antd";
import { useTranslation } from "react-i18next";

/** A page while it loads: two cards of grey lines where the content will be. */
export function PageSkeleton({ label }: { label?: string }) {
  return (
    <div className="page" aria-busy="true" aria-label={label} data-testid="page-skeleton">
      <div className="skeleton-card">
        <Skeleton active paragraph={{ rows: 3 }} />
      </div>
      <div className="skeleton-card">
        <Skeleton active paragraph={{ rows: 6 }} />
      </div>
    </div>
  );
}

/** The app's frame while its data is being opened (the first launch creates it). */
export function StartupSkeleton() {
  const { t } = useTranslation();
  return (
    <Layout style={{ minHeight: "100vh" }} data-testid="startup-skeleton">
      <Layout.Sider width={200} breakpoint="xl" className="app-sider">
        <div className="brand">
          <span className="brand-mark">{t("app.mark")}</span>
          <span>{t("app.name")}</span>
        </div>
      </Layout.Sider>
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header className="top-bar" />
        <Layout.Content style={{ minWidth: 0 }}>
          <PageSkeleton label={t("shell.loading")} />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
