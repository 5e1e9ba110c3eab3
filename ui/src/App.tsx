/**
 * The root: antd's theme and locale (following the UI language), the app-wide data, and the shell.
 */
import { App as AntApp, ConfigProvider } from "antd";
import zhCN from "antd/es/locale/zh_CN";
import enUS from "antd/es/locale/en_US";
import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import { I18nextProvider } from "react-i18next";
import { i18n } from "./i18n";
import { pick } from "./i18n/pick";
import { theme } from "./theme";
import { WorkbenchProvider, useWorkbench } from "./state/workbench";
import { AppShell } from "./shell/AppShell";

function Themed() {
  const { language } = useWorkbench();
  dayjs.locale(pick({ zh: "zh-cn", en: "en" }, language));
  return (
    <ConfigProvider theme={theme} locale={pick({ zh: zhCN, en: enUS }, language)}>
      <AntApp>
        <AppShell />
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nextProvider i18n={i18n}>
      <WorkbenchProvider>
        <Themed />
      </WorkbenchProvider>
    </I18nextProvider>
  );
}
