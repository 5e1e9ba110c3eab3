import { describe, expect, it } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import { renderApp } from "./render";
import { appInfo, startBackend } from "./fixtures";

describe("language switch", () => {
  it("changes the app's strings and antd's own locale, and tells the core", async () => {
    const calls = startBackend({ settings_set: () => appInfo({ language: "en-US" }) });
    const { user } = await renderApp();
    expect(await screen.findByRole("menuitem", { name: /调用测试/ })).toBeInTheDocument();
    // Before the switch antd speaks Chinese too (its own date picker texts).
    await user.click(screen.getByRole("menuitem", { name: /历史记录/ }));
    await waitFor(() => expect(screen.getByPlaceholderText("开始日期")).toBeInTheDocument());

    await user.click(screen.getByText("English"));

    expect(await screen.findByRole("menuitem", { name: /Test console/ })).toBeInTheDocument();
    expect(screen.getByTestId("demo-tag")).toHaveTextContent("Demo mode");
    expect(calls.find((call) => call.command === "settings_set")?.args.input).toEqual({ language: "en-US", retention: null });

    // antd's built-in texts follow: the date range picker on the history page speaks English.
    await waitFor(() => expect(screen.getByPlaceholderText("Start date")).toBeInTheDocument());
    expect(screen.queryByPlaceholderText("开始日期")).not.toBeInTheDocument();
  });

  it("starts in the language the core remembers", async () => {
    startBackend({}, appInfo({ language: "en-US" }));
    await renderApp();
    expect(await screen.findByRole("menuitem", { name: /Profiles/ })).toBeInTheDocument();
  });
});

describe("a result on screen when the language changes", () => {
  it("is explained again in the new language", async () => {
    const { failureOutcome, successOutcome } = await import("./fixtures");
    let language: "zh-CN" | "en-US" = "zh-CN";
    const calls = startBackend({
      call_send: () => failureOutcome,
      settings_set: () => {
        language = "en-US";
        return appInfo({ language });
      },
      // history_get explains in the language the core holds at that moment.
      history_get: () => ({
        ...successOutcome,
        id: 42,
        result: failureOutcome.result,
        explanation: { ...failureOutcome.explanation, title: language === "en-US" ? "Invalid signature" : "签名无效" },
      }),
    });
    const { user } = await renderApp();
    await waitFor(() => expect(screen.getByTestId("api-picker")).toHaveTextContent("获取淘宝系统当前时间"));
    await user.click(screen.getByTestId("send"));
    expect(await screen.findByTestId("explanation")).toHaveTextContent("签名无效");

    await user.click(screen.getByText("English"));

    await waitFor(() => expect(screen.getByTestId("explanation")).toHaveTextContent("Invalid signature"));
    // The core was told first, then asked for the explanation of entry 42.
    const order = calls.map((call) => call.command).filter((command) => command === "settings_set" || command === "history_get");
    expect(order).toEqual(["settings_set", "history_get"]);
  });
});
