import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import { renderApp } from "./render";
import { EXPLANATION_REMEDY, EXPLANATION_TITLE, MASKED_STRING, appInfo, catalogue, demoProfile, failureOutcome, startBackend, successOutcome } from "./fixtures";
import type { ApiDoc } from "../api/bindings/ApiDoc";

describe("test console", () => {
  it("opens on the demo profile with taobao.time.get ready, and one click on 发送 shows success", async () => {
    const calls = startBackend({ call_send: () => successOutcome });
    const { user } = await renderApp();

    expect(await screen.findByTestId("demo-tag")).toHaveTextContent("演示模式");
    // The first-run API is preselected once the catalogue is in.
    await waitFor(() => expect(screen.getByTestId("api-picker")).toHaveTextContent("获取淘宝系统当前时间"));
    // The first screen came from one answer, asked once: nothing of it was asked for again.
    expect(calls.filter((call) => call.command === "app_start")).toHaveLength(1);
    expect(calls.some((call) => call.command === "app_info" || call.command === "profiles_list")).toBe(false);

    await user.click(screen.getByTestId("send"));

    expect(await screen.findByTestId("result-tag")).toHaveTextContent("成功");
    const sent = calls.find((call) => call.command === "call_send");
    // The call goes out for the selected demo profile on the local gateway, md5 by default.
    expect(sent?.args.input).toMatchObject({
      profile_id: 1,
      environment_id: "local",
      method: "taobao.time.get",
      family: "top",
      sign_method: "md5",
      params: [],
      use_session: false,
      wdt: { compute: false },
    });
    // Latency from the response view is on screen.
    expect(screen.getByTestId("result")).toHaveTextContent("12");
  });

  it("shows the answer of a call history could not record, with why, and no save button to a missing entry", async () => {
    startBackend({
      call_send: () => ({
        ...successOutcome,
        history_id: null,
        history_error: { code: "store.full", message: "数据库已满：无法写入历史记录" },
      }),
    });
    const { user } = await renderApp();
    await waitFor(() => expect(screen.getByTestId("api-picker")).toHaveTextContent("获取淘宝系统当前时间"));
    await user.click(screen.getByTestId("send"));

    expect(await screen.findByTestId("result-tag")).toHaveTextContent("成功");
    const warning = screen.getByTestId("history-error");
    expect(warning).toHaveTextContent("未能写入历史记录");
    expect(warning).toHaveTextContent("数据库已满");
    expect(screen.getByRole("button", { name: /保存到文件/ })).toBeDisabled();
  });

  it("on failure opens the explanation and the signature tab shows the string signed with the secret masked", async () => {
    startBackend({ call_send: () => failureOutcome });
    const { user } = await renderApp();
    await waitFor(() => expect(screen.getByTestId("api-picker")).toHaveTextContent("获取淘宝系统当前时间"));

    await user.click(screen.getByTestId("send"));

    expect(await screen.findByTestId("result-tag")).toHaveTextContent("失败");
    // The explanation tab is the one open after a failure, in Chinese. The workbench signed this call
    // itself, so a bad sign can only be the AppSecret or the environment: that is said instead of the
    // catalogue's checklist for someone else's signing code, with a way to the secret.
    const explanation = await screen.findByTestId("explanation");
    expect(explanation).toHaveTextContent(EXPLANATION_TITLE);
    expect(explanation).not.toHaveTextContent(EXPLANATION_REMEDY);
    expect(screen.getByTestId("remedy-secret")).toHaveTextContent("只可能是两件事");
    expect(screen.getByTestId("result")).toHaveTextContent("isv.invalid-signature");

    await user.click(screen.getByRole("tab", { name: "签名" }));
    const signed = await screen.findByTestId("string-to-sign");
    expect(signed).toHaveTextContent(MASKED_STRING);
    // Every kept parameter is listed in signing order: row 0 is the header, then app_key … v.
    const rows = within(screen.getByTestId("sign-params")).getAllByRole("row");
    expect(rows[1]).toHaveTextContent("app_key");
    expect(rows[6]).toHaveTextContent("v2.0");

    await user.click(screen.getByRole("tab", { name: "错误说明" }));
    await user.click(within(screen.getByTestId("remedy-secret")).getByRole("button"));
    expect(await screen.findByTestId("profile-create")).toBeVisible();
  });

  it("names the field when a required parameter is empty and sends nothing", async () => {
    const calls = startBackend({ call_send: () => successOutcome });
    const { user } = await renderApp();
    await waitFor(() => expect(screen.getByTestId("api-picker")).toHaveTextContent("获取淘宝系统当前时间"));

    await user.click(screen.getByTestId("api-picker").querySelector("input") as HTMLInputElement);
    await user.keyboard("seller");
    await user.click(await screen.findByText("查询卖家用户信息"));
    await user.click(screen.getByTestId("send"));

    expect(await screen.findByText("请填写参数 fields")).toBeInTheDocument();
    expect(calls.some((call) => call.command === "call_send")).toBe(false);
  });

  it("diagnoses a pasted sign through sign_compare: the cause, what to change, the strings side by side", async () => {
    const calls = startBackend({
      call_send: () => failureOutcome,
      sign_compare: () => ({
        valid: false,
        causes: [
          {
            id: "sign-method-mismatch",
            detail: "hmac",
            explanation: { zh: "对方用 hmac 算的签名，但 sign_method 写的是 md5。", en: "Signed with hmac while sign_method says md5." },
            fix: { zh: "让 sign_method 与实际算法一致。", en: "Make sign_method match the algorithm used." },
          },
        ],
        sign_method: "md5",
        customer_sign: "4F1C2A0B9E8D7C6B5A4F3E2D1C0B9A00",
        expected_sign: "4F1C2A0B9E8D7C6B5A4F3E2D1C0B9A88",
        string_to_sign_masked: "******app_key23000001******",
        rows: [{ key: "app_key", platform: "23000001", customer: "23000001" }],
        wdt: null,
      }),
    });
    const { user } = await renderApp();
    await waitFor(() => expect(screen.getByTestId("api-picker")).toHaveTextContent("获取淘宝系统当前时间"));
    await user.click(screen.getByTestId("send"));
    await screen.findByTestId("explanation");
    await user.click(screen.getByRole("tab", { name: "签名" }));

    await user.type(screen.getByLabelText("对方的签名"), "4F1C2A0B9E8D7C6B5A4F3E2D1C0B9A00");
    await user.click(screen.getByTestId("sign-compare"));

    const cause = await screen.findByTestId("cause-sign-method-mismatch");
    expect(cause).toHaveTextContent("对方用 hmac 算的签名");
    expect(cause).toHaveTextContent("让 sign_method 与实际算法一致。");
    // Never a character diff of two hashes.
    expect(screen.queryByText(/个字符/)).not.toBeInTheDocument();
    const compare = calls.find((call) => call.command === "sign_compare");
    // The history entry of the call just made is the target, so the same timestamp is re-signed.
    expect(compare?.args.input).toEqual({ target: { kind: "history", history_id: 42 }, pasted: "4F1C2A0B9E8D7C6B5A4F3E2D1C0B9A00" });
  });
});

describe("test console and the current profile", () => {
  it("takes the customerId and target app of a profile chosen in the top bar, and keeps the method typed", async () => {
    const shop = { ...demoProfile, id: 2, name: "正式店铺", label: { zh: "正式店铺", en: "正式店铺" }, is_demo: false, customer_id: "c-2", target_app_key: "87654321" };
    let current = 1;
    const calls = startBackend({
      app_info: () => appInfo({ current_profile_id: current }),
      profiles_list: () => [demoProfile, shop],
      profile_select: (args) => {
        current = args.id as number;
        return appInfo({ demo_mode: false, current_profile_id: current });
      },
      call_send: () => successOutcome,
    });
    const { user } = await renderApp();
    await waitFor(() => expect(screen.getByTestId("api-picker")).toHaveTextContent("获取淘宝系统当前时间"));

    await user.click(screen.getByText("手动填写接口名"));
    await user.type(screen.getByLabelText("接口名（method）"), "custom.order.get");
    expect(screen.getByLabelText("customerId")).toHaveValue("");

    await user.click(within(screen.getByTestId("profile-select")).getByRole("combobox"));
    await user.click(await screen.findByTitle("正式店铺"));
    await waitFor(() => expect(screen.getByLabelText("customerId")).toHaveValue("c-2"));
    expect(screen.getByLabelText("target_app_key")).toHaveValue("87654321");
    expect(screen.getByLabelText("接口名（method）")).toHaveValue("custom.order.get");

    await user.click(screen.getByTestId("send"));
    await waitFor(() => expect(calls.some((call) => call.command === "call_send")).toBe(true));
    expect(calls.find((call) => call.command === "call_send")?.args.input).toMatchObject({
      profile_id: 2,
      method: "custom.order.get",
      customer_id: "c-2",
      target_app_key: "87654321",
    });
  });
});

describe("test console and what the profile knows", () => {
  const wdtDoc: ApiDoc = {
    ...catalogue[0]!,
    name: "hu3cgwt0tc.wdt.stock.query",
    family: "qimen_cloud" as const,
    title: { zh: "查询旺店通库存", en: "Query 旺店通 stock" },
    wdt_sign: "custom" as const,
    params: ["sid", "appkey", "spec_no"].map((name) => ({
      name,
      kind: "string" as const,
      required: true,
      description: { zh: name, en: name },
      example: `example-${name}`,
      allowed: [],
      offset_hours: null,
    })),
  };

  it("fills the 旺店通 account from the profile, keeps what was typed, and clears a result when the API changes", async () => {
    const calls = startBackend({
      call_profile_values: () => [
        { key: "sid", value: "shop-sid" },
        { key: "appkey", value: "shop-appkey" },
      ],
      call_send: () => successOutcome,
      },
      appInfo(),
      { catalogue: [...catalogue, wdtDoc] },
    );
    const { user } = await renderApp();
    await waitFor(() => expect(screen.getByTestId("api-picker")).toHaveTextContent("获取淘宝系统当前时间"));
    await user.click(screen.getByTestId("send"));
    expect(await screen.findByTestId("result-for")).toHaveTextContent("taobao.time.get");

    await user.click(within(screen.getByTestId("api-picker")).getByRole("combobox"));
    await user.click(await screen.findByText("查询旺店通库存"));
    // The old result does not sit beside the new API.
    await waitFor(() => expect(screen.queryByTestId("result-for")).not.toBeInTheDocument());
    expect(screen.getByTestId("no-result")).toBeInTheDocument();

    await waitFor(() => expect(screen.getByLabelText("sid")).toHaveValue("shop-sid"));
    expect(screen.getByLabelText("appkey")).toHaveValue("shop-appkey");
    expect(calls.find((call) => call.command === "call_profile_values")?.args).toEqual({ method: "hu3cgwt0tc.wdt.stock.query", profileId: 1 });

    await user.click(screen.getByTestId("fill-all-examples"));
    expect(screen.getByLabelText("spec_no")).toHaveValue("example-spec_no");
    // What the profile filled is not replaced by examples.
    expect(screen.getByLabelText("sid")).toHaveValue("shop-sid");
  });
});

describe("test console errors from the core", () => {
  it("shows a missing-secret error with a way to the profiles page", async () => {
    const { reject } = await import("./backend");
    const MISSING = "配置“正式店铺”还没有保存 AppSecret：请在配置中填写 AppSecret 后再发送";
    startBackend({ call_send: () => reject("secret.missing.app_secret", MISSING) });
    const { user } = await renderApp();
    await waitFor(() => expect(screen.getByTestId("api-picker")).toHaveTextContent("获取淘宝系统当前时间"));

    await user.click(screen.getByTestId("send"));

    const error = await screen.findByTestId("send-error");
    expect(error).toHaveTextContent(MISSING);
    await user.click(within(error).getByRole("button"));
    expect(await screen.findByTestId("profile-create")).toBeVisible();
  });
});
