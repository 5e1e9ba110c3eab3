import { beforeEach, describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import { renderApp } from "./render";
import { appInfo, demoProfile, startBackend } from "./fixtures";
import type { ProfileNextStep } from "../api/bindings/ProfileNextStep";
import type { ProfileView } from "../api/bindings/ProfileView";
import type { OnboardingView } from "../api/bindings/OnboardingView";
import type { NextStep } from "../api/bindings/NextStep";

const L = (zh: string, en = zh) => ({ zh, en });

const realProfile: ProfileView = { ...demoProfile, id: 2, name: "旗舰店ERP", label: { zh: "旗舰店ERP", en: "旗舰店ERP" }, app_key: "23999999", is_demo: false };

const registerStep: NextStep = {
  id: "register",
  number: 1,
  total: 9,
  title: L("注册开发者"),
  state: { state: "not_started" },
  todo: [],
  links: [],
  action: "none",
  skippable: null,
  expected_wait: null,
  waiting: null,
};

const reviewStep: NextStep = {
  ...registerStep,
  id: "app_review",
  number: 4,
  title: L("应用审核"),
  state: { state: "waiting_for_review", since: "2026-11-16" },
  expected_wait: L("3–5个工作日"),
  waiting: {
    wait: { kind: "range", min: 3, max: 5, unit: "working_days", typical: false },
    since: "2026-11-16",
    elapsed: 5,
    overdue: false,
    text: L("已等待 5 个工作日（预计 3–5 个工作日）"),
  },
};

const overview: ProfileNextStep[] = [
  { profile_id: 1, profile_name: demoProfile.name, is_demo: true, finished: 0, total: 9, next: registerStep },
  { profile_id: 2, profile_name: realProfile.name, is_demo: false, finished: 3, total: 9, next: reviewStep },
];

function tracker(profileId: number): OnboardingView {
  const name = profileId === 1 ? demoProfile.name : realProfile.name;
  return { profile_id: profileId, profile_name: name, today: "2026-11-23", steps: [], next: null, finished: 0, total: 0 };
}

beforeEach(() => {
  // The strip's "closed for this run" lives in sessionStorage, which jsdom keeps between tests.
  window.sessionStorage.clear();
});

describe("next step", () => {
  it("lists every profile's next step on the guide and switches the tracker to another profile", async () => {
    let current = 1;
    const calls = startBackend({
      app_info: () => appInfo({ current_profile_id: current }),
      profiles_list: () => [demoProfile, realProfile],
      onboarding_overview: () => overview,
      onboarding_get: (args) => tracker(args.profileId as number),
      profile_select: (args) => {
        current = args.id as number;
        return appInfo({ demo_mode: false, current_profile_id: current });
      },
    });
    const { user } = await renderApp();
    await user.click(await screen.findByRole("menuitem", { name: /入驻向导/ }));

    const demoLine = await screen.findByTestId("next-step-1");
    expect(within(demoLine).getByText("第 1 步：注册开发者")).toBeInTheDocument();
    // The current profile is marked, not offered as a switch.
    expect(within(demoLine).getByText("当前配置")).toBeInTheDocument();
    const realLine = screen.getByTestId("next-step-2");
    expect(within(realLine).getByText("第 4 步：应用审核")).toBeInTheDocument();
    expect(within(realLine).getByText("已完成 3 / 9 步")).toBeInTheDocument();
    // A step waiting for review shows the core's wait clock.
    expect(within(realLine).getByTestId("next-step-wait")).toHaveTextContent("已等待 5 个工作日（预计 3–5 个工作日）");

    await user.click(within(realLine).getByRole("button", { name: "查看此配置的进度" }));
    await waitFor(() => expect(calls.some((c) => c.command === "profile_select" && c.args.id === 2)).toBe(true));
    // The tracker follows the switch: it now asks the core for the other profile's steps.
    await waitFor(() => expect(calls.some((c) => c.command === "onboarding_get" && c.args.profileId === 2)).toBe(true));
    await waitFor(() => expect(within(screen.getByTestId("next-step-2")).getByText("当前配置")).toBeInTheDocument());
  });

  it("shows the current profile's next step above the console and opens the guide", async () => {
    startBackend(
      {
        profiles_list: () => [demoProfile, realProfile],
        onboarding_overview: () => overview,
        onboarding_get: (args) => tracker(args.profileId as number),
      },
      appInfo({ demo_mode: false, current_profile_id: 2 }),
    );
    const { user } = await renderApp();

    const strip = await screen.findByTestId("next-step-strip");
    // The current profile (2), not the first in the list.
    expect(strip).toHaveTextContent("旗舰店ERP 的下一步：第 4 步 应用审核");
    expect(strip).toHaveTextContent("已等待 5 个工作日（预计 3–5 个工作日）");

    await user.click(within(strip).getByRole("button", { name: "查看入驻向导" }));
    expect(await screen.findByTestId("next-step-overview")).toBeInTheDocument();
    expect(screen.getByRole("tab", { name: "进度", selected: true })).toBeInTheDocument();
  });

  it("stays closed for the rest of the run once dismissed", async () => {
    startBackend(
      {
        profiles_list: () => [demoProfile, realProfile],
        onboarding_overview: () => overview,
        onboarding_get: (args) => tracker(args.profileId as number),
      },
      appInfo({ demo_mode: false, current_profile_id: 2 }),
    );
    const { user } = await renderApp();
    const strip = await screen.findByTestId("next-step-strip");
    await user.click(within(strip).getByRole("button", { name: "本次运行不再显示" }));
    await waitFor(() => expect(screen.queryByTestId("next-step-strip")).not.toBeInTheDocument());

    // Away to the guide and back: the console opens again without the strip.
    await user.click(screen.getByRole("menuitem", { name: /入驻向导/ }));
    await screen.findByTestId("next-step-overview");
    await user.click(screen.getByRole("menuitem", { name: /调用测试/ }));
    await screen.findByRole("button", { name: /发送/ });
    expect(screen.queryByTestId("next-step-strip")).not.toBeInTheDocument();
  });

  it("keeps the first-run demo uncrowded: no strip in demo mode", async () => {
    const calls = startBackend({ onboarding_overview: () => overview });
    await renderApp();
    await screen.findByTestId("demo-alert");
    expect(screen.queryByTestId("next-step-strip")).not.toBeInTheDocument();
    // Not merely hidden: the console does not even ask for the overview.
    expect(calls.some((c) => c.command === "onboarding_overview")).toBe(false);
  });
});
