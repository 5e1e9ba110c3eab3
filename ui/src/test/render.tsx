import type { ReactNode } from "react";
import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { StyleProvider } from "@ant-design/cssinjs";
import { App as AntApp } from "antd";
import { I18nextProvider } from "react-i18next";
import { App } from "../App";
import * as api from "../api/commands";
import { i18n } from "../i18n";

/**
 * antd's styles are kept out of the document: jsdom matches every injected rule on each
 * getComputedStyle, which the role queries call for every element they look at, and that was half of
 * a test's time. Visibility the tests check comes from inline styles and the hidden attribute.
 */
function unstyled(node: ReactNode) {
  return render(<StyleProvider mock="server">{node}</StyleProvider>);
}

/** Renders the whole app in Chinese, as a first run does, and returns a user to drive it. */
export async function renderApp() {
  await i18n.changeLanguage("zh-CN");
  const user = userEvent.setup();
  // Asked before the first render, as main.tsx asks it.
  const view = unstyled(<App started={api.appStart()} />);
  return { user, ...view };
}

/** Renders one component inside the app's translations and antd's message and modal context. */
export function renderInApp(node: ReactNode) {
  return unstyled(
    <I18nextProvider i18n={i18n}>
      <AntApp>{node}</AntApp>
    </I18nextProvider>,
  );
}
