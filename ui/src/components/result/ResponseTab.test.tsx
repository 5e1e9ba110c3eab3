import { describe, expect, it } from "vitest";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { i18n } from "../../i18n";
import { ResponseTab } from "./ResponseTab";
import { renderInApp } from "../../test/render";
import { installBackend } from "../../test/backend";
import type { ShownResponse } from "./model";

function show(response: ShownResponse) {
  return renderInApp(<ResponseTab response={response} historyId={7} />);
}

describe("ResponseTab", () => {
  it("shows a 10 MB body raw and virtualised, with a warning, instead of highlighting it", async () => {
    await i18n.changeLanguage("zh-CN");
    const body = `{"items":[${'"x",'.repeat(2_600_000)}"end"]}`;
    show({ status: 200, latencyMs: 80, sizeBytes: body.length, contentType: "application/json", body, bodyTruncated: false });

    expect(screen.getByTestId("large-body-warning")).toHaveTextContent("响应较大");
    const raw = screen.getByTestId("response-raw");
    // Only the rows in sight (plus a margin) are in the DOM, not the hundred thousand of the body.
    expect(raw.querySelectorAll("div > div > div").length).toBeLessThan(100);
    expect(screen.queryByTestId("response-body")).not.toBeInTheDocument();
  });

  it("highlights a small body and saves the whole body through response_save", async () => {
    await i18n.changeLanguage("zh-CN");
    const calls = installBackend({ response_save: () => "/home/u/response.json" });
    show({ status: 200, latencyMs: 5, sizeBytes: 9, contentType: "application/json", body: '{"a":1}', bodyTruncated: false });

    expect(await screen.findByTestId("response-body")).toHaveTextContent('"a": 1');
    await userEvent.click(screen.getByRole("button", { name: /保存到文件/ }));

    expect(await screen.findByText("已保存到 /home/u/response.json")).toBeInTheDocument();
    expect(calls.find((call) => call.command === "response_save")?.args).toEqual({ historyId: 7 });
  });

  it("shows a cut one-line answer raw and says its sizes in bytes, not characters", async () => {
    await i18n.changeLanguage("zh-CN");
    // 200 000 Chinese characters on one line: 600 000 bytes in UTF-8.
    const body = `{"memo":"${"碗".repeat(200_000)}`;
    show({ status: 200, latencyMs: 80, sizeBytes: 10 * 1024 * 1024, contentType: "application/json", body, bodyTruncated: true });

    expect(screen.getByTestId("response-raw")).toBeInTheDocument();
    expect(screen.queryByTestId("response-body")).not.toBeInTheDocument();
    expect(screen.getByTestId("large-body-warning")).toHaveTextContent("只显示前 585.9 KB");
  });

  it("keeps a minified answer that is small but one long line out of the code editor", async () => {
    await i18n.changeLanguage("zh-CN");
    // A 30 000-character value stays one line however the JSON is indented.
    const body = `{"sign_text":"${"A".repeat(30_000)}"}`;
    show({ status: 200, latencyMs: 5, sizeBytes: body.length, contentType: "application/json", body, bodyTruncated: false });

    expect(screen.getByTestId("response-raw")).toBeInTheDocument();
    expect(screen.queryByTestId("large-body-warning")).not.toBeInTheDocument();
  });
});
