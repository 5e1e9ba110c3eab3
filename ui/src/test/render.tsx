import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../App";
import * as api from "../api/commands";
import { i18n } from "../i18n";

/** Renders the whole app in Chinese, as a first run does, and returns a user to drive it. */
export async function renderApp() {
  await i18n.changeLanguage("zh-CN");
  const user = userEvent.setup();
  // Asked before the first render, as main.tsx asks it.
  const view = render(<App started={api.appStart()} />);
  return { user, ...view };
}
