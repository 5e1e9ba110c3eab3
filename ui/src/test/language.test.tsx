import { describe, expect, it } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import { renderApp } from "./render";
import { appInfo, startBackend } from "./fixtures";

describe("language switch", () => {
  it("changes the app's strings and antd's own locale, and tells the core", async () => {
    const calls = startBackend({ settings_set: () => appInfo({ language: "en-US" }) });
    const { user } = await renderApp();
    expect(await screen.findByRole("menuitem", { name: /调用测试/ })).toBeInTheDocument();

    await user.click(screen.getByText("English"));

    expect(await screen.findByRole("menuitem", { name: /Test console/ })).toBeInTheDocument();
    expect(screen.getByTestId("demo-tag")).toHaveTextContent("Demo mode");
    expect(calls.find((call) => call.command === "settings_set")?.args.input).toEqual({ language: "en-US", retention: null });

    // antd's built-in texts follow: the date range picker on the history page speaks English.
    await user.click(screen.getByRole("menuitem", { name: /History/ }));
    await waitFor(() => expect(screen.getByPlaceholderText("Start date")).toBeInTheDocument());
    expect(screen.queryByPlaceholderText("开始日期")).not.toBeInTheDocument();
  });

  it("starts in the language the core remembers", async () => {
    startBackend({}, appInfo({ language: "en-US" }));
    await renderApp();
    expect(await screen.findByRole("menuitem", { name: /Profiles/ })).toBeInTheDocument();
  });
});
