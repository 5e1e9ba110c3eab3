import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import { renderApp } from "./render";
import { appInfo, demoProfile, startBackend } from "./fixtures";
import { reject } from "./backend";

const APP_KEY_ERROR = "AppKey：“abc”应为 1–20 位数字，即开放平台控制台中显示的 AppKey，例如 12345678。";

describe("profiles", () => {
  it("shows the core's field error next to the field and keeps everything typed", async () => {
    const calls = startBackend({ profile_save: () => reject("validation.profile.app_key", APP_KEY_ERROR) });
    const { user } = await renderApp();
    await user.click(await screen.findByRole("menuitem", { name: /应用配置/ }));
    await user.click(await screen.findByTestId("profile-create"));

    const drawer = await screen.findByRole("dialog");
    await user.type(within(drawer).getByLabelText("配置名称"), "正式店铺");
    await user.type(within(drawer).getByLabelText("AppKey"), "abc");
    await user.type(within(drawer).getByLabelText("AppSecret"), "s3cret-value");
    await user.click(screen.getByTestId("profile-save"));

    // The message sits in the AppKey field's own error slot, not in a general banner.
    const appKeyItem = within(drawer).getByLabelText("AppKey").closest(".ant-form-item") as HTMLElement;
    await waitFor(() => expect(appKeyItem).toHaveTextContent(APP_KEY_ERROR));
    expect(screen.queryByTestId("profile-form-error")).not.toBeInTheDocument();
    // Nothing typed is lost, the secret included.
    expect(within(drawer).getByLabelText("配置名称")).toHaveValue("正式店铺");
    expect(within(drawer).getByLabelText("AppKey")).toHaveValue("abc");
    expect(within(drawer).getByLabelText("AppSecret")).toHaveValue("s3cret-value");

    const saved = calls.find((call) => call.command === "profile_save");
    // A new profile (id null) on the local gateway, the typed secret sent once to be stored.
    expect(saved?.args.form).toMatchObject({
      id: null,
      name: "正式店铺",
      app_key: "abc",
      app_secret: "s3cret-value",
      environment: { kind: "local" },
      wdt_secret: null,
    });
  });

  it("never prefills a stored secret and says it is saved", async () => {
    startBackend();
    const { user } = await renderApp();
    await user.click(await screen.findByRole("menuitem", { name: /应用配置/ }));
    await user.click(await screen.findByRole("button", { name: "编辑" }));

    const drawer = await screen.findByRole("dialog");
    expect(within(drawer).getByLabelText("配置名称")).toHaveValue(demoProfile.name);
    // The secret field is empty and masked; the stored one is only announced with its hint.
    const secret = within(drawer).getByLabelText("AppSecret");
    expect(secret).toHaveValue("");
    expect(secret).toHaveAttribute("type", "password");
    expect(within(drawer).getByTestId("secret-stored")).toHaveTextContent("已保存 ******2a");
  });

  it("explains a missing keyring and keeps secrets in memory on request", async () => {
    const noKeyring = { state: "unavailable", problem: "no_backend", detail: "no secret service" } as const;
    let inMemory = false;
    const calls = startBackend({
      // The core remembers the choice: app_info reports it from then on.
      app_info: () => appInfo({ keyring: noKeyring, secrets_in_memory: inMemory }),
      secrets_use_memory: () => {
        inMemory = true;
        return appInfo({ keyring: noKeyring, secrets_in_memory: true });
      },
    });
    const { user } = await renderApp();
    const banner = await screen.findByTestId("keyring-banner");
    expect(banner).toHaveTextContent("本机没有可用的系统钥匙串");

    await user.click(within(banner).getByRole("button"));

    expect(await screen.findByTestId("keyring-memory")).toBeInTheDocument();
    expect(calls.some((call) => call.command === "secrets_use_memory")).toBe(true);
  });
});

describe("first run on a locked keyring", () => {
  it("still opens the app, explains the keyring, and loads the demo profile once secrets are kept in memory", async () => {
    const LOCKED = "系统钥匙串已锁定，或还没有默认钥匙串。";
    let inMemory = false;
    const calls = startBackend({
      // The demo profile's secret cannot be stored until the user accepts memory.
      app_info: () => appInfo({ secrets_in_memory: inMemory }),
      profiles_list: () => (inMemory ? [demoProfile] : reject("keyring.locked", LOCKED)),
      secrets_use_memory: () => {
        inMemory = true;
        return appInfo({ secrets_in_memory: true });
      },
    });
    const { user } = await renderApp();

    const banner = await screen.findByTestId("keyring-banner");
    expect(banner).toHaveTextContent(LOCKED);
    // The shell is there (navigation works) instead of one error page.
    expect(screen.getByRole("menuitem", { name: /调用测试/ })).toBeInTheDocument();

    await user.click(within(banner).getByRole("button"));

    expect(await screen.findByTestId("keyring-memory")).toBeInTheDocument();
    await waitFor(() => expect(calls.filter((call) => call.command === "app_start")).toHaveLength(2));
    expect(await screen.findByTestId("demo-tag")).toBeInTheDocument();
  });

  it("creates the real profile from demo mode with the guide's progress carried over, and says so", async () => {
    const calls = startBackend({
      profile_save: (args) => ({ ...demoProfile, id: 2, name: (args.form as { name: string }).name, is_demo: false, carried_guide: true }),
    });
    const { user } = await renderApp();
    await user.click(await screen.findByRole("menuitem", { name: /应用配置/ }));
    await user.click(await screen.findByTestId("profile-create"));
    const drawer = await screen.findByRole("dialog");
    expect(within(drawer).getByTestId("carry-guide")).toBeChecked();
    await user.type(within(drawer).getByLabelText("配置名称"), "正式店铺");
    await user.type(within(drawer).getByLabelText("AppKey"), "12345678");
    await user.click(screen.getByTestId("profile-save"));
    await waitFor(() => expect(calls.some((call) => call.command === "profile_save")).toBe(true));
    expect(calls.find((call) => call.command === "profile_save")?.args.form).toMatchObject({ id: null, carry_guide_from: 1 });
    expect(await screen.findByText("已保存配置“正式店铺”，并带上了演示模式里的入驻进度")).toBeInTheDocument();
  });
});
