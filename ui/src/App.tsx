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
import { WorkbenchProvider, applyLanguage, useWorkbench } from "./state/workbench";
import { AppShell } from "./shell/AppShell";
import { RecoveryScreen } from "./shell/RecoveryScreen";
import { StartupSkeleton } from "./shell/PageSkeleton";
import { useEffect, useRef, useState } from "react";
import type { AppStart } from "./api/bindings/AppStart";
import type { FirstScreen } from "./api/bindings/FirstScreen";
import type { StartupProblem } from "./api/bindings/StartupProblem";

/**
 * Toasts already on screen were worded in the language of their moment (often by the core): when the
 * language changes they are taken away rather than left in the old one.
 */
function ToastsFollowLanguage() {
  const { language } = useWorkbench();
  const { message, notification } = AntApp.useApp();
  const shownIn = useRef(language);
  useEffect(() => {
    if (shownIn.current === language) return;
    shownIn.current = language;
    message.destroy();
    notification.destroy();
  }, [language, message, notification]);
  return null;
}

function Themed() {
  const { language } = useWorkbench();
  dayjs.locale(pick({ zh: "zh-cn", en: "en" }, language));
  return (
    <ConfigProvider theme={theme} locale={pick({ zh: zhCN, en: enUS }, language)}>
      <AntApp>
        <ToastsFollowLanguage />
        <AppShell />
      </AntApp>
    </ConfigProvider>
  );
}

/** "checking" until the shell says whether the data opened (it answers once opening is done, with the
 * first screen's data); a problem shows the recovery screen. After a recovery the app is "ready"
 * without a screen, and loads its data itself. */
type Startup = { kind: "checking" } | { kind: "ready"; screen: FirstScreen | null } | { kind: "problem"; problem: StartupProblem };

function useStartup(started: Promise<AppStart>): [Startup, () => void] {
  const [startup, setStartup] = useState<Startup>({ kind: "checking" });
  useEffect(() => {
    let live = true;
    started
      .then((answer) => {
        if (!live) return;
        if (answer.kind === "problem") {
          setStartup({ kind: "problem", problem: answer.problem });
          return;
        }
        // The saved language before the first frame of the app, so it never draws in the other one.
        if (answer.screen.info.status === "fulfilled") applyLanguage(answer.screen.info.value.language);
        setStartup({ kind: "ready", screen: answer.screen });
      })
      // A shell that cannot answer this cannot be recovered here either: go on to the app.
      .catch(() => live && setStartup({ kind: "ready", screen: null }));
    return () => {
      live = false;
    };
  }, [started]);
  return [startup, () => setStartup({ kind: "ready", screen: null })];
}

/**
 * `started` is the start-up question, asked by main.tsx before the first render so that its answer
 * is on its way while the skeleton draws.
 */
export function App({ started }: { started: Promise<AppStart> }) {
  const [startup, recovered] = useStartup(started);
  return (
    <I18nextProvider i18n={i18n}>
      {startup.kind === "problem" ? (
        <ConfigProvider theme={theme}>
          <RecoveryScreen problem={startup.problem} onRecovered={recovered} />
        </ConfigProvider>
      ) : startup.kind === "ready" ? (
        <WorkbenchProvider screen={startup.screen}>
          <Themed />
        </WorkbenchProvider>
      ) : (
        // The data is still being opened (off the main thread): the app's frame, not a blank window.
        <ConfigProvider theme={theme}>
          <StartupSkeleton />
        </ConfigProvider>
      )}
    </I18nextProvider>
  );
}
