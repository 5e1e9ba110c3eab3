import { describe, expect, it } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import { renderApp } from "./render";
import { startBackend } from "./fixtures";
import { reject } from "./backend";
import type { SessionStatus } from "../api/bindings/SessionStatus";
import type { SessionFlow } from "../api/bindings/SessionFlow";
import type { FlowView } from "../api/bindings/FlowView";

const LOCAL_CALLBACK = "http://127.0.0.1:18765/callback";

function status(overrides: Partial<SessionStatus> = {}): SessionStatus {
  return {
    profile_id: 1,
    authorized: false,
    expired: false,
    source: null,
    user_nick: null,
    user_id: null,
    sub_user_id: null,
    sub_user_nick: null,
    open_uid: null,
    obtained_at: null,
    access_expires_at: null,
    refresh_expires_at: null,
    access_seconds_left: null,
    refresh_seconds_left: null,
    can_refresh: false,
    callback: {
      url: LOCAL_CALLBACK,
      checked: {
        url: LOCAL_CALLBACK,
        kind: { kind: "loopback", host: "127.0.0.1", port: 18765, path: "/callback" },
        suggested: "local_listener",
        possible: ["local_listener", "in_app_window", "paste", "manual"],
      },
      problem: null,
      suggested: "local_listener",
    },
    authorize_endpoint: "http://127.0.0.1:18080/authorize",
    token_endpoint: "http://127.0.0.1:18080/token",
    token_api_endpoint: "http://127.0.0.1:18080/router/rest",
    ...overrides,
  };
}

const authorized = status({
  authorized: true,
  source: "token_endpoint",
  user_nick: "演示店铺",
  user_id: "2200000001",
  access_seconds_left: 86400 + 3600,
  refresh_seconds_left: 7 * 86400,
  can_refresh: true,
});

const flow: SessionFlow = {
  flow_id: "f1",
  url: "http://127.0.0.1:18080/authorize?response_type=code&client_id=23000001&state=s1",
  state: "s1",
  redirect_uri: LOCAL_CALLBACK,
  mode: "local_listener",
  listening_on: "127.0.0.1:18765",
};

async function openSessionPage() {
  const rendered = await renderApp();
  await rendered.user.click(await screen.findByRole("menuitem", { name: /授权 Session/ }));
  await screen.findByTestId("session-page");
  return rendered;
}

describe("session", () => {
  it("suggests the listener for a loopback callback and shows the callback and endpoints", async () => {
    startBackend({ session_status: () => status() });
    await openSessionPage();
    expect(screen.getByTestId("callback-url")).toHaveTextContent(LOCAL_CALLBACK);
    // The suggested mode is the selected tab and carries the 推荐 tag.
    expect(screen.getByRole("tab", { selected: true })).toHaveTextContent(/本机监听.*推荐/);
    expect(screen.getByText("http://127.0.0.1:18080/token")).toBeInTheDocument();
  });

  it("pastes a redirected URL and shows who is now authorized, never a token", async () => {
    const calls = startBackend({ session_status: () => status(), session_paste: () => authorized });
    const { user } = await openSessionPage();
    await user.click(screen.getByRole("tab", { name: /粘贴回调地址/ }));
    await user.click(screen.getByLabelText("跳转后的地址或 code"));
    await user.paste(`${LOCAL_CALLBACK}?code=abc`);
    await user.click(screen.getByRole("button", { name: "换取 session" }));

    expect(await screen.findByTestId("session-nick")).toHaveTextContent("演示店铺");
    // Without a started flow the paste carries the page's token route, and the text as typed.
    expect(calls.find((c) => c.command === "session_paste")?.args).toMatchObject({
      profileId: 1,
      text: `${LOCAL_CALLBACK}?code=abc`,
      flowId: null,
      route: "token_endpoint",
    });
    // 1 day and 1 hour left, shown as a countdown.
    expect(screen.getByTestId("access-left")).toHaveTextContent(/1 天 01:00:0\d/);
  });

  it("explains a denied authorization with what to do", async () => {
    startBackend({
      session_status: () => status(),
      session_paste: () => reject("session.access_denied", "用户拒绝了授权（access_denied）"),
    });
    const { user } = await openSessionPage();
    await user.click(screen.getByRole("tab", { name: /粘贴回调地址/ }));
    await user.click(screen.getByLabelText("跳转后的地址或 code"));
    await user.paste(`${LOCAL_CALLBACK}?error=access_denied`);
    await user.click(screen.getByRole("button", { name: "换取 session" }));

    expect(await screen.findByTestId("session-error")).toHaveTextContent("用户拒绝了授权");
    expect(screen.getByTestId("session-hint")).toHaveTextContent("重新开始，并在授权页点“授权”");
  });

  it("runs the listener: start, open the browser, wait, then done", async () => {
    let release: (view: FlowView) => void = () => undefined;
    const waited = new Promise<FlowView>((resolve) => (release = resolve));
    const calls = startBackend({
      session_status: () => status(),
      session_start_listener: () => flow,
      session_flow_wait: () => waited,
      "link_open": () => null,
    });
    const { user } = await openSessionPage();
    await user.click(screen.getByRole("button", { name: "开始授权" }));

    expect(await screen.findByTestId("session-waiting")).toHaveTextContent("正在监听 127.0.0.1:18765");
    // The authorize URL went to the system browser through the shell.
    await waitFor(() =>
      expect(calls.find((c) => c.command === "link_open")?.args).toMatchObject({ url: flow.url }),
    );
    expect(calls.find((c) => c.command === "session_start_listener")?.args).toMatchObject({
      profileId: 1,
      options: { view: "web", route: "token_endpoint" },
    });

    release({ flow_id: "f1", profile_id: 1, status: { state: "done" }, session: authorized });
    expect(await screen.findByTestId("session-done")).toHaveTextContent("授权成功：演示店铺");
    expect(screen.getByTestId("session-nick")).toHaveTextContent("演示店铺");
    expect(screen.queryByTestId("session-waiting")).not.toBeInTheDocument();
  });

  it("offers the paste mode when the callback port is taken", async () => {
    startBackend({
      session_status: () => status(),
      session_start_listener: () => reject("session.port_in_use", "端口 18765 已被占用"),
    });
    const { user } = await openSessionPage();
    await user.click(screen.getByRole("button", { name: "开始授权" }));

    expect(await screen.findByTestId("session-error")).toHaveTextContent("端口 18765 已被占用");
    expect(screen.getByTestId("session-hint")).toHaveTextContent("改用“粘贴回调地址”方式");
  });
});
