/**
 * A message already on screen does not stay in the old language when the user switches: toasts are
 * taken away, an error the core worded is forgotten (or asked for again), and the next attempt brings
 * it in the new language.
 */
import { describe, expect, it } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import { renderApp } from "./render";
import { appInfo, startBackend } from "./fixtures";
import { reject } from "./backend";

const NOT_A_REQUEST_ZH = "应为 curl 命令：第 1 行第 42 列的 $METHOD 是 shell 变量，请换成它的值。";
const NOT_A_REQUEST_EN = "Expected a curl command: $METHOD at line 1, column 42 is a shell variable; put its value instead.";
const NO_FILE_ZH = "无法打开文件：不是复现包。";

async function openRepro(english: () => boolean) {
  startBackend({
    settings_set: () => appInfo({ language: "en-US" }),
    // The core words its refusals in the language it holds at that moment.
    repro_open: () => reject("validation.repro.text", english() ? NOT_A_REQUEST_EN : NOT_A_REQUEST_ZH),
    repro_open_file: () => reject("repro.file", NO_FILE_ZH),
  });
  const rendered = await renderApp();
  await rendered.user.click(await screen.findByRole("menuitem", { name: /复现请求/ }));
  await screen.findByTestId("repro-text");
  return rendered;
}

describe("a message on screen when the language changes", () => {
  it("an error alert the core worded is not kept in the old language, and comes back in the new one", async () => {
    let english = false;
    const { user } = await openRepro(() => english);
    await user.click(screen.getByTestId("repro-text"));
    await user.paste('curl "http://x/router/rest?method=$METHOD"');
    await user.click(screen.getByTestId("repro-read"));
    expect(await screen.findByTestId("repro-problem")).toHaveTextContent("第 1 行第 42 列");

    english = true;
    await user.click(screen.getByText("English"));
    await screen.findByRole("menuitem", { name: /Reproduce/ });
    expect(screen.queryByTestId("repro-problem")).not.toBeInTheDocument();
    expect(document.body).not.toHaveTextContent("第 1 行第 42 列");

    // What was typed stays; reading it again explains in English.
    expect(screen.getByTestId("repro-text")).toHaveValue('curl "http://x/router/rest?method=$METHOD"');
    await user.click(screen.getByTestId("repro-read"));
    expect(await screen.findByTestId("repro-problem")).toHaveTextContent("line 1, column 42");
  });

  it("a toast on screen is taken away", async () => {
    const { user } = await openRepro(() => false);
    await user.click(screen.getByText(/^打开复现包/));
    expect(await screen.findByText(NO_FILE_ZH)).toBeInTheDocument();

    await user.click(screen.getByText("English"));
    await screen.findByRole("menuitem", { name: /Reproduce/ });
    // Well before the toast would close by itself (three seconds) it is gone, or on its way out (jsdom
    // never ends antd's leave animation, so the notice keeps its leaving class there).
    const goneOrLeaving = () => {
      const toast = screen.queryByText(NO_FILE_ZH);
      return toast === null || /-leave\b/.test(toast.closest(".ant-message-notice-wrapper")?.className ?? "");
    };
    await waitFor(() => expect(goneOrLeaving()).toBe(true), { timeout: 1000 });
  });

  it("a failure to load the app's data is asked for again in the new language", async () => {
    let english = false;
    const calls = startBackend({
      settings_set: () => {
        english = true;
        return appInfo({ language: "en-US" });
      },
      profiles_list: () => reject("store.read", english ? "Could not read the profiles." : "无法读取应用配置。"),
    });
    const { user } = await renderApp();
    expect(await screen.findByText("无法读取应用配置。")).toBeInTheDocument();

    await user.click(screen.getByText("English"));
    expect(await screen.findByText("Could not read the profiles.")).toBeInTheDocument();
    expect(screen.queryByText("无法读取应用配置。")).not.toBeInTheDocument();
    expect(calls.filter((call) => call.command === "app_start")).toHaveLength(2);
  });
});
