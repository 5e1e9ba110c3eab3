import { describe, expect, it } from "vitest";
import { screen } from "@testing-library/react";
import { renderApp } from "./render";
import { readyStart, startBackend } from "./fixtures";
import type { StartupProblem } from "../api/bindings/StartupProblem";

const damaged: StartupProblem = {
  code: "store.open",
  message: { zh: "数据库无法打开：文件已损坏", en: "The database cannot be opened: the file is damaged" },
  data_dir: "/data/qimen",
  database_file: "/data/qimen/workbench.sqlite3",
  can_set_aside: true,
};

describe("data that cannot be opened at start", () => {
  it("shows what happened instead of the app, moves the file aside on request, then opens the app", async () => {
    let problem: StartupProblem | null = damaged;
    const calls = startBackend({
      app_start: () => (problem ? { kind: "problem", problem } : readyStart()),
      app_recover_data: () => {
        problem = null;
        return "/data/qimen/workbench.damaged-20261201-053000.sqlite3";
      },
    });
    const { user } = await renderApp();
    expect(await screen.findByText("无法打开工作台的数据")).toBeInTheDocument();
    expect(screen.getByText("数据库无法打开：文件已损坏")).toBeInTheDocument();
    expect(screen.getByText("/data/qimen/workbench.sqlite3")).toBeInTheDocument();
    // Nothing of the app is asked for while its data is not open.
    expect(calls.map((call) => call.command)).toEqual(["app_start"]);

    await user.click(screen.getByText("English"));
    expect(await screen.findByText("The database cannot be opened: the file is damaged")).toBeInTheDocument();

    await user.click(screen.getByTestId("recovery-set-aside"));
    expect(await screen.findByText(/workbench\.damaged-20261201-053000\.sqlite3/)).toBeInTheDocument();
    await user.click(screen.getByTestId("recovery-continue"));
    expect(await screen.findByRole("menuitem", { name: /Test console|调用测试/ })).toBeInTheDocument();
  });

  it("offers no move when there is no file, only what to check", async () => {
    startBackend({ app_start: () => ({ kind: "problem", problem: { ...damaged, can_set_aside: false } }) });
    await renderApp();
    expect(await screen.findByText(/检查该文件夹的权限/)).toBeInTheDocument();
    expect(screen.queryByTestId("recovery-set-aside")).not.toBeInTheDocument();
  });
});
