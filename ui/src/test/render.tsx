import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../App";
import { i18n } from "../i18n";

/** Renders the whole app in Chinese, as a first run does, and returns a user to drive it. */
export async function renderApp() {
  await i18n.changeLanguage("zh-CN");
  const user = userEvent.setup();
  const view = render(<App />);
  return { user, ...view };
}
