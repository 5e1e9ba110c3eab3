import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import { renderApp } from "./render";
import { bundleCall, emptyHistory, failureOutcome, recordedCallInput, startBackend, successOutcome } from "./fixtures";
import { reject, type Handler, type RecordedCall } from "./backend";
import type { HistorySummary } from "../api/bindings/HistorySummary";
import type { HistoryDetail } from "../api/bindings/HistoryDetail";
import type { CallInput } from "../api/bindings/CallInput";
import type { ReproSaved } from "../api/bindings/ReproSaved";
import { formatTime } from "../components/format";

const row: HistorySummary = {
  id: 42,
  profile_id: 1,
  profile_name: "演示配置",
  environment: "local",
  endpoint: "http://127.0.0.1:18080/router/rest",
  method: "taobao.time.get",
  family: "top",
  http_status: 200,
  success: false,
  code: "25",
  sub_code: "isv.invalid-signature",
  message: "Invalid signature",
  sub_message: null,
  latency_ms: 9,
  response_size: 120,
  response_truncated: false,
  created_at: "2024-05-01T08:00:00Z",
};

/** An older call, made with another profile, for the multi-select cases. */
const older: HistorySummary = {
  ...row,
  id: 41,
  profile_id: 2,
  profile_name: "店铺正式配置",
  success: true,
  code: null,
  sub_code: null,
  message: null,
  created_at: "2024-04-30T20:30:00Z",
};

const SAVED_PATH = "bundles/taobao.time.get.qmbundle";

function detailOf(summary: HistorySummary): HistoryDetail {
  return {
    ...summary,
    request: {
      family: "top",
      endpoint: summary.endpoint,
      query: [["method", summary.method]],
      form: [],
      body: null,
      signature: failureOutcome.signature,
    },
    response: failureOutcome.response?.body ?? "",
    result: failureOutcome.result ?? failureOutcome.result!,
    explanation: failureOutcome.explanation,
  };
}

/** The app on the history page listing `rows`, with the test's own handlers. */
async function openHistory(rows: HistorySummary[], extra: Record<string, Handler> = {}) {
  const calls = startBackend({ history_list: () => ({ ...emptyHistory, items: rows, total: rows.length }), ...extra });
  const view = await renderApp();
  await view.user.click(await screen.findByRole("menuitem", { name: /历史记录/ }));
  return { calls, ...view };
}

/** The table row of a call, found by its time on the platform's clock. */
async function rowAt(time: string): Promise<HTMLElement> {
  const cell = await screen.findByText(time);
  const tr = cell.closest("tr");
  if (!tr) throw new Error(`no row for ${time}`);
  return tr;
}

/** The page the navigation shows as current. */
function currentPage(): string {
  return document.querySelector(".ant-menu-item-selected")?.textContent ?? "";
}

function argsOf(calls: RecordedCall[], command: string): Record<string, unknown>[] {
  return calls.filter((call) => call.command === command).map((call) => call.args);
}

describe("history", () => {
  it("searches with the typed text through history_list and shows the retention", async () => {
    const calls = startBackend({
      history_list: (args) => {
        const query = args.query as { text: string | null };
        return query.text === "time" ? { ...emptyHistory, items: [row], total: 1 } : emptyHistory;
      },
    });
    const { user } = await renderApp();
    await user.click(await screen.findByRole("menuitem", { name: /历史记录/ }));
    expect(await screen.findByTestId("retention")).toHaveTextContent("10000");

    await user.type(screen.getByLabelText("搜索历史记录"), "time");

    await waitFor(() =>
      expect(calls.filter((call) => call.command === "history_list").map((call) => call.args.query)).toContainEqual(
        expect.objectContaining({ text: "time", success: null, limit: 20, offset: 0 }),
      ),
    );
    expect(await screen.findByRole("cell", { name: "taobao.time.get" })).toBeInTheDocument();
  });

  it("shows an exact count as it is", async () => {
    await openHistory([row, older]);
    expect(await screen.findByText("共 2 条")).toBeInTheDocument();
  });

  it("says 1000+ when the store stopped counting", async () => {
    startBackend({
      history_list: () => ({ ...emptyHistory, items: [row], total: 1000, total_is_lower_bound: true }),
    });
    const { user } = await renderApp();
    await user.click(await screen.findByRole("menuitem", { name: /历史记录/ }));
    expect(await screen.findByText("共 1000+ 条")).toBeInTheDocument();
  });

  it("opens an entry with its explanation and signature read from the stored request", async () => {
    const detail = detailOf(row);
    startBackend({ history_list: () => ({ ...emptyHistory, items: [row], total: 1 }), history_get: () => detail });
    const { user } = await renderApp();
    await user.click(await screen.findByRole("menuitem", { name: /历史记录/ }));
    await user.click(await screen.findByRole("button", { name: "查看详情" }));

    const drawer = await screen.findByRole("dialog");
    expect(await within(drawer).findByTestId("explanation")).toHaveTextContent(failureOutcome.explanation?.title ?? "");
    await user.click(within(drawer).getByRole("tab", { name: "签名" }));
    expect(await within(drawer).findByTestId("string-to-sign")).toHaveTextContent(failureOutcome.signature.string_to_sign_masked);
  });

  it("shows the time in GMT+8 with the machine's time on hover, and the profile of each call", async () => {
    const { user } = await openHistory([row, older]);

    // 08:00 UTC is 16:00 on the platform's clock; 20:30 UTC is already the next day there.
    expect(screen.getByRole("columnheader", { name: /时间\s*GMT\+8/ })).toBeInTheDocument();
    const first = await rowAt("2024-05-01 16:00:00");
    const second = await rowAt("2024-05-01 04:30:00");
    expect(within(first).getByText("演示配置")).toBeInTheDocument();
    expect(within(second).getByText("店铺正式配置")).toBeInTheDocument();

    await user.hover(within(first).getByTestId("history-time"));
    expect(await screen.findByText(new RegExp(`本机时间：${formatTime(row.created_at)}（GMT[+-]\\d{2}:\\d{2}`))).toBeInTheDocument();
  });

  it("opens a call in the console prepared with what history_call_input answers", async () => {
    const input: CallInput = { ...recordedCallInput, params: [{ key: "fields", value: "time" }] };
    const { user, calls } = await openHistory([row], { history_call_input: () => input, call_send: () => successOutcome });

    await user.click(within(await rowAt("2024-05-01 16:00:00")).getByRole("button", { name: "在控制台打开" }));

    await waitFor(() => expect(currentPage()).toBe("调用测试"));
    expect(argsOf(calls, "history_call_input")).toEqual([{ id: 42 }]);
    expect(screen.getByTestId("retention")).not.toBeVisible();
    // The console holds that call: sending it sends what history answered.
    await user.click(await screen.findByRole("button", { name: /发送/ }));
    await waitFor(() => expect(argsOf(calls, "call_send")).toHaveLength(1));
    const sent = argsOf(calls, "call_send")[0]?.input as CallInput;
    expect(sent.method).toBe("taobao.time.get");
    expect(sent.params).toContainEqual({ key: "fields", value: "time" });
  });

  it("reproduces a call on the 复现请求 page with the call history_bundle answers", async () => {
    const { user, calls } = await openHistory([row], { history_bundle: () => [bundleCall()] });

    await user.click(within(await rowAt("2024-05-01 16:00:00")).getByRole("button", { name: "复现" }));

    await waitFor(() => expect(currentPage()).toBe("复现请求"));
    expect(argsOf(calls, "history_bundle")).toEqual([{ ids: [42] }]);
    expect(screen.getByTestId("retention")).not.toBeVisible();
  });

  it("exports one call as a bundle and says where it went", async () => {
    const { user, calls } = await openHistory([row], {
      history_bundle: () => [bundleCall()],
      repro_export: (): ReproSaved => ({ path: SAVED_PATH, calls: 1 }),
    });

    await user.click(within(await rowAt("2024-05-01 16:00:00")).getByRole("button", { name: "导出复现包" }));

    expect(await screen.findByText(`复现包已保存：${SAVED_PATH}`)).toBeInTheDocument();
    expect(argsOf(calls, "history_bundle")).toEqual([{ ids: [42] }]);
    expect(argsOf(calls, "repro_export")).toEqual([{ input: { calls: [bundleCall()] } }]);
    expect(currentPage()).toBe("历史记录");
  });

  it("exports the ticked calls as one bundle, oldest first", async () => {
    const { user, calls } = await openHistory([row, older], {
      history_bundle: (args) => (args.ids as number[]).map((id) => bundleCall({ recorded_at: id === 41 ? older.created_at : row.created_at })),
      repro_export: (args): ReproSaved => ({ path: SAVED_PATH, calls: (args.input as { calls: unknown[] }).calls.length }),
    });
    expect(screen.getByTestId("export-selected")).toBeDisabled();

    await user.click(within(await rowAt("2024-05-01 16:00:00")).getByRole("checkbox"));
    await user.click(within(await rowAt("2024-05-01 04:30:00")).getByRole("checkbox"));
    const exportSelected = screen.getByRole("button", { name: /导出所选（2）/ });
    await user.click(exportSelected);

    expect(await screen.findByText(`复现包已保存：${SAVED_PATH}`)).toBeInTheDocument();
    expect(argsOf(calls, "history_bundle")).toEqual([{ ids: [41, 42] }]);
    const exported = argsOf(calls, "repro_export")[0]?.input as { calls: { recorded_at: string }[] };
    expect(exported.calls.map((call) => call.recorded_at)).toEqual([older.created_at, row.created_at]);
  });

  it("shows nothing when the save dialog is cancelled", async () => {
    const { user, calls } = await openHistory([row], {
      history_bundle: () => [bundleCall()],
      repro_export: (): ReproSaved => ({ path: null, calls: 1 }),
    });
    const button = within(await rowAt("2024-05-01 16:00:00")).getByRole("button", { name: "导出复现包" });

    await user.click(button);

    await waitFor(() => expect(argsOf(calls, "repro_export")).toHaveLength(1));
    await waitFor(() => expect(button).not.toHaveClass("ant-btn-loading"));
    expect(document.querySelector(".ant-message-notice")).toBeNull();
  });

  it("shows a failure to read the call through the common error toast", async () => {
    const { user, calls } = await openHistory([row], { history_bundle: () => reject("history.not_found", "这条记录已不存在") });

    await user.click(within(await rowAt("2024-05-01 16:00:00")).getByRole("button", { name: "复现" }));

    expect(await screen.findByText("这条记录已不存在")).toBeInTheDocument();
    expect(argsOf(calls, "repro_export")).toEqual([]);
    expect(currentPage()).toBe("历史记录");
  });

  it("offers the same actions in the detail view, which closes when the call opens elsewhere", async () => {
    const { user, calls } = await openHistory([row], {
      history_get: () => detailOf(row),
      history_bundle: () => [bundleCall()],
      repro_export: (): ReproSaved => ({ path: SAVED_PATH, calls: 1 }),
    });
    await user.click(await screen.findByRole("button", { name: "查看详情" }));
    const drawer = await screen.findByRole("dialog");
    const actions = await within(drawer).findByTestId("history-detail-actions");
    expect(within(drawer).getByText("2024-05-01 16:00:00")).toBeInTheDocument();

    await user.click(within(actions).getByRole("button", { name: /导出复现包/ }));
    expect(await screen.findByText(`复现包已保存：${SAVED_PATH}`)).toBeInTheDocument();

    await user.click(within(actions).getByRole("button", { name: /复现$/ }));
    await waitFor(() => expect(currentPage()).toBe("复现请求"));
    expect(argsOf(calls, "history_bundle")).toEqual([{ ids: [42] }, { ids: [42] }]);
    await waitFor(() => expect(screen.queryByTestId("history-detail-actions")).toBeNull());
  });
});
