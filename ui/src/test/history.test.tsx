import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import { renderApp } from "./render";
import { emptyHistory, failureOutcome, startBackend } from "./fixtures";
import type { HistorySummary } from "../api/bindings/HistorySummary";
import type { HistoryDetail } from "../api/bindings/HistoryDetail";

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

  it("opens an entry with its explanation and signature read from the stored request", async () => {
    const detail: HistoryDetail = {
      ...row,
      request: {
        family: "top",
        endpoint: row.endpoint,
        query: [["method", "taobao.time.get"]],
        form: [],
        body: null,
        signature: failureOutcome.signature,
      },
      response: failureOutcome.response?.body ?? "",
      result: failureOutcome.result ?? failureOutcome.result!,
      explanation: failureOutcome.explanation,
    };
    startBackend({ history_list: () => ({ ...emptyHistory, items: [row], total: 1 }), history_get: () => detail });
    const { user } = await renderApp();
    await user.click(await screen.findByRole("menuitem", { name: /历史记录/ }));
    await user.click(await screen.findByRole("button", { name: "查看详情" }));

    const drawer = await screen.findByRole("dialog");
    expect(await within(drawer).findByTestId("explanation")).toHaveTextContent(failureOutcome.explanation?.title ?? "");
    await user.click(within(drawer).getByRole("tab", { name: "签名" }));
    expect(await within(drawer).findByTestId("string-to-sign")).toHaveTextContent(failureOutcome.signature.string_to_sign_masked);
  });
});
