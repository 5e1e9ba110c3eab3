import { describe, expect, it } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import { renderApp } from "./render";
import { startBackend, successOutcome } from "./fixtures";
import { reject } from "./backend";
import type { CapturedRequest } from "../api/bindings/CapturedRequest";
import type { Diagnosis } from "../api/bindings/Diagnosis";
import type { ReproOpened } from "../api/bindings/ReproOpened";
import type { ReproReplay } from "../api/bindings/ReproReplay";

const CURL = "curl 'http://gw.api.taobao.com/router/rest?method=taobao.time.get&app_key=23000001&sign=abc'";

const request: CapturedRequest = {
  source: "curl",
  http_method: "GET",
  url: "http://gw.api.taobao.com/router/rest",
  raw_query: "method=taobao.time.get&app_key=23000001&sign=abc",
  params: [
    { name: "method", value: "taobao.time.get", raw: "taobao.time.get", place: "query" },
    { name: "app_key", value: "23000001", raw: "23000001", place: "query" },
    { name: "sign", value: "abc", raw: "abc", place: "query" },
  ],
  headers: [],
  body: null,
  content_type: null,
  sent_at: null,
};

const openedCurl: ReproOpened = {
  from_bundle: false,
  app_version: null,
  calls: [{ api: "taobao.time.get", environment: null, request, response: null, explanation: null, diagnosis: null, recorded_at: null }],
};

const lowercase: Diagnosis = {
  valid: false,
  causes: [
    {
      id: "lowercase-hex",
      detail: null,
      explanation: { zh: "摘要正确，但写成了小写十六进制。", en: "The digest is right but in lower case." },
      fix: { zh: "把摘要转成大写后再发送。", en: "Upper-case the digest before sending." },
    },
  ],
  sign_method: "md5",
  customer_sign: "abc",
  expected_sign: "ABC",
  string_to_sign_masked: "******app_key23000001methodtaobao.time.get******",
  rows: [
    { key: "app_key", platform: "23000001", customer: "23000001" },
    { key: "method", platform: "taobao.time.get", customer: "taobao.time.get" },
  ],
  wdt: null,
};

const replayed: ReproReplay = {
  mode: "as_sent",
  endpoint: "http://127.0.0.1:18080/router/rest",
  request,
  changes: [],
  response: successOutcome.response,
  result: successOutcome.result,
  explanation: null,
  network_error: null,
  diff: null,
};

async function openRepro() {
  const rendered = await renderApp();
  await rendered.user.click(await screen.findByRole("menuitem", { name: /复现请求/ }));
  // The page loads when first opened.
  await screen.findByTestId("repro-text");
  return rendered;
}

describe("复现请求", () => {
  it("reads a pasted curl line, lists every parameter with where it travelled, and diagnoses it", async () => {
    const calls = startBackend({ repro_open: () => openedCurl, repro_diagnose: () => lowercase });
    const { user } = await openRepro();
    await user.click(screen.getByTestId("repro-text"));
    await user.paste(CURL);
    await user.click(screen.getByTestId("repro-read"));
    expect(await screen.findByTestId("captured-params")).toHaveTextContent("taobao.time.get");
    expect(calls.find((call) => call.command === "repro_open")?.args.text).toBe(CURL);

    await user.click(screen.getByTestId("diagnose"));
    expect(await screen.findByTestId("cause-lowercase-hex")).toHaveTextContent("摘要正确，但写成了小写十六进制。");
    expect(screen.getByTestId("cause-lowercase-hex")).toHaveTextContent("把摘要转成大写后再发送。");
    expect(screen.getByTestId("diagnosis-verdict")).toHaveTextContent("签名不正确");
    expect(calls.find((call) => call.command === "repro_diagnose")?.args.input).toMatchObject({ secret: { kind: "profile", profile_id: 1 } });
  });

  it("keeps the pasted text and says where reading stopped when it is not a request", async () => {
    startBackend({ repro_open: () => reject("validation.repro.text", "应为 curl 命令：第 1 行第 42 列的 $METHOD 是 shell 变量，请换成它的值。") });
    const { user } = await openRepro();
    await user.click(screen.getByTestId("repro-text"));
    await user.paste('curl "http://x/router/rest?method=$METHOD"');
    await user.click(screen.getByTestId("repro-read"));
    expect(await screen.findByTestId("repro-problem")).toHaveTextContent("第 1 行第 42 列");
    expect(screen.getByTestId("repro-text")).toHaveValue('curl "http://x/router/rest?method=$METHOD"');
  });

  it("checks with a secret typed for this check only, then forgets it", async () => {
    const calls = startBackend({ repro_open: () => openedCurl, repro_diagnose: () => ({ ...lowercase, valid: true, causes: [] }) });
    const { user } = await openRepro();
    await user.click(screen.getByTestId("repro-text"));
    await user.paste(CURL);
    await user.click(screen.getByTestId("repro-read"));
    await user.click(await screen.findByTestId("secret-typed"));
    await user.type(screen.getByTestId("typed-secret"), "typed-secret-0123456789");
    await user.click(screen.getByTestId("diagnose"));
    expect(await screen.findByTestId("diagnosis-verdict")).toHaveTextContent("签名正确");
    expect(calls.find((call) => call.command === "repro_diagnose")?.args.input).toMatchObject({ secret: { kind: "typed", secret: "typed-secret-0123456789" } });
    await waitFor(() => expect(screen.getByTestId("typed-secret")).toHaveValue(""));
  });

  it("replays as sent and shows the answer, and exports the call with its diagnosis", async () => {
    const calls = startBackend({
      repro_open: () => openedCurl,
      repro_diagnose: () => lowercase,
      repro_replay: () => replayed,
      repro_export: () => ({ path: "/home/u/taobao.time.get.qimen.json", calls: 1 }),
    });
    const { user } = await openRepro();
    await user.click(screen.getByTestId("repro-text"));
    await user.paste(CURL);
    await user.click(screen.getByTestId("repro-read"));
    await user.click(await screen.findByTestId("diagnose"));
    await screen.findByTestId("diagnosis");
    await user.click(screen.getByTestId("replay"));
    expect(await screen.findByTestId("result-tag")).toHaveTextContent("成功");
    expect(calls.find((call) => call.command === "repro_replay")?.args.input).toMatchObject({ mode: "as_sent", environment_id: "local" });

    await user.click(screen.getByTestId("repro-export"));
    await waitFor(() => expect(calls.some((call) => call.command === "repro_export")).toBe(true));
    const exported = calls.find((call) => call.command === "repro_export")?.args.input as { calls: { diagnosis: Diagnosis | null }[] };
    expect(exported.calls[0]?.diagnosis?.causes[0]?.id).toBe("lowercase-hex");
    expect(await screen.findByText(/taobao\.time\.get\.qimen\.json/)).toBeInTheDocument();
  });

  it("opens a bundle and sets the replayed answer against the recorded one", async () => {
    const recorded = '{"error_response":{"code":25,"msg":"Invalid signature"}}';
    const bundle: ReproOpened = {
      from_bundle: true,
      app_version: "0.1.0",
      calls: [{ ...openedCurl.calls[0]!, response: { status: 200, content_type: "application/json", body: recorded, elapsed_ms: 9, size_bytes: 60 } }],
    };
    const calls = startBackend({
      repro_open: () => bundle,
      repro_replay: () => ({
        ...replayed,
        mode: "resigned",
        changes: [{ name: "sign", before: "abc", after: "C2DE" }],
        diff: {
          same: false,
          lines: [
            { kind: "removed", text: '  "code": 25,' },
            { kind: "added", text: '  "time": "2026-12-01 13:56:27"' },
          ],
          volatile: ["request_id"],
        },
      }),
    });
    const { user } = await openRepro();
    await user.click(screen.getByTestId("repro-text"));
    await user.paste('{"format":"qimen-workbench/repro"}');
    await user.click(screen.getByTestId("repro-read"));
    expect(await screen.findByText("来自复现包")).toBeInTheDocument();
    expect(screen.getByTestId("recorded-answer")).toHaveTextContent("Invalid signature");
    await user.click(screen.getByTestId("mode-resigned"));
    await user.click(screen.getByTestId("replay"));
    const diff = await screen.findByTestId("answer-diff");
    expect(diff).toHaveTextContent("新的应答与复现包里记录的不同");
    expect(diff).toHaveTextContent('- "code": 25,');
    expect(diff).toHaveTextContent("request_id");
    expect(screen.getByTestId("replay-changes")).toHaveTextContent("C2DE");
    expect(calls.find((call) => call.command === "repro_replay")?.args.input).toMatchObject({ mode: "resigned", recorded_body: recorded });
  });
});
