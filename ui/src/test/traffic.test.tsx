import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import { renderApp } from "./render";
import { exchangeSummary, RELAY, startBackend, trafficDetail, trafficRunning, trafficStopped } from "./fixtures";
import type { Handler } from "./backend";
import type { ExchangeSummary } from "../api/bindings/ExchangeSummary";
import type { TrafficQuery } from "../api/bindings/TrafficQuery";
import { EXCHANGE_EVENT } from "../pages/traffic/events";
import { eventBus } from "./eventBus";

function trafficBus() {
  return eventBus<ExchangeSummary>(EXCHANGE_EVENT, "traffic_list", (item) => `${item.api} ${item.path} ${item.platform_code ?? ""}`);
}

const failing = exchangeSummary();
const passing = exchangeSummary({ id: 8, verdict: "valid", causes: [], platform_code: null, failed: false, api: "taobao.trades.sold.get" });

async function openTraffic(extra: Record<string, Handler> = {}) {
  const bus = trafficBus();
  const calls = startBackend({
    ...bus.handlers,
    traffic_status: () => trafficStopped,
    ...extra,
  });
  const rendered = await renderApp();
  await rendered.user.click(await screen.findByRole("menuitem", { name: /联调抓包/ }));
  await waitFor(() => expect(bus.listening()).toBe(true));
  return { ...rendered, calls, bus };
}

describe("联调抓包", () => {
  it("starts the relay on the console's environment and the current profile, and lists the addresses to give", async () => {
    const { user, calls } = await openTraffic({ traffic_start: () => trafficRunning });
    await user.click(await screen.findByTestId("traffic-start"));
    const addresses = await screen.findByTestId("traffic-addresses");
    expect(addresses).toHaveTextContent(`${RELAY}/router/qimen/service`);
    expect(addresses).toHaveTextContent("演示配置");
    expect(calls.find((call) => call.command === "traffic_start")?.args.input).toEqual({
      port: 18088,
      upstream: "local",
      profile_id: 1,
      diagnose: true,
      lan: null,
    });
    expect(screen.getByTestId("traffic-stop")).toBeInTheDocument();
  });

  it("records and forwards only when no profile is chosen, and asks for LAN addresses behind a warning", async () => {
    const { user, calls } = await openTraffic({ traffic_start: () => trafficRunning });
    await user.click(screen.getByTestId("traffic-profile").querySelector(".ant-select-selector") as Element);
    await user.click(await screen.findByText("不核对签名，只记录和转发"));
    await user.click(screen.getByTestId("traffic-lan"));
    expect(await screen.findByText("局域网访问：请确认是你要的")).toBeInTheDocument();
    await user.type(screen.getByLabelText("本机局域网地址"), "192.168.1.20");
    await user.type(screen.getByRole("combobox", { name: "允许的客户端地址" }), "192.168.1.35{enter}");
    await user.click(screen.getByTestId("traffic-start"));
    await waitFor(() => expect(calls.some((call) => call.command === "traffic_start")).toBe(true));
    expect(calls.find((call) => call.command === "traffic_start")?.args.input).toMatchObject({
      profile_id: null,
      diagnose: false,
      lan: { bind: "192.168.1.20", allowed_clients: ["192.168.1.35"] },
    });
  });

  it("puts exchanges arriving as events on top of the list, filters through the core, and pauses", async () => {
    const { user, calls, bus } = await openTraffic();
    bus.emit([failing]);
    expect(await screen.findByTestId("traffic-row-7")).toHaveTextContent("taobao.time.get");
    bus.emit([passing]);
    expect(await screen.findByTestId("traffic-row-8")).toHaveTextContent("taobao.trades.sold.get");
    const list = screen.getByTestId("traffic-list");
    expect(within(list).getByText("签名错误")).toBeInTheDocument();
    expect(within(list).getByText("200 · 25")).toBeInTheDocument();
    // Newest first.
    const rows = within(list).getAllByText(/^taobao\./).map((cell) => cell.textContent);
    expect(rows).toEqual(["taobao.trades.sold.get", "taobao.time.get"]);

    await user.click(screen.getByTestId("traffic-failures"));
    await waitFor(() => expect(screen.queryByTestId("traffic-row-8")).not.toBeInTheDocument());
    expect(calls.some((call) => call.command === "traffic_list" && (call.args.query as TrafficQuery).only_failures)).toBe(true);
    await user.click(screen.getByTestId("traffic-failures"));
    expect(await screen.findByTestId("traffic-row-8")).toBeInTheDocument();
    await user.type(screen.getByRole("searchbox", { name: "筛选" }), "trades");
    await waitFor(() => expect(screen.queryByTestId("traffic-row-7")).not.toBeInTheDocument());
    expect(calls.some((call) => call.command === "traffic_list" && (call.args.query as TrafficQuery).text === "trades")).toBe(true);
    await user.clear(screen.getByRole("searchbox", { name: "筛选" }));
    expect(await screen.findByTestId("traffic-row-7")).toBeInTheDocument();

    await user.click(screen.getByTestId("traffic-pause"));
    bus.emit([exchangeSummary({ id: 9, api: "taobao.item.get" })]);
    expect(await screen.findByTestId("traffic-missed")).toHaveTextContent("1");
    expect(screen.queryByTestId("traffic-row-9")).not.toBeInTheDocument();
    await user.click(screen.getByTestId("traffic-pause"));
    await waitFor(() => expect(screen.queryByTestId("traffic-missed")).not.toBeInTheDocument());
  });

  it("opens a row with the diagnosis on the signature tab, exports it, keeps it in history and opens it in 复现请求", async () => {
    const { user, calls, bus } = await openTraffic({
      traffic_get: () => trafficDetail(failing),
      traffic_bundle: () => [{ api: "taobao.time.get", environment: null, request: trafficDetail(failing).exchange.request, response: null, explanation: null, diagnosis: null, recorded_at: null }],
      repro_export: () => ({ path: "/tmp/taobao.time.get.qimen.json", calls: 1 }),
      traffic_save_to_history: () => ({ history_id: 51 }),
    });
    bus.emit([failing]);
    await user.click(await screen.findByTestId("traffic-row-7"));
    expect(await screen.findByTestId("result-tag")).toHaveTextContent("失败");
    await user.click(screen.getByRole("tab", { name: "签名" }));
    expect(await screen.findByTestId("cause-wrong-secret")).toHaveTextContent("换成这个 AppKey 对应的 AppSecret。");

    await user.click(screen.getByTestId("traffic-export"));
    expect(await screen.findByText(/taobao\.time\.get\.qimen\.json/)).toBeInTheDocument();
    expect(calls.find((call) => call.command === "traffic_bundle")?.args.ids).toEqual([7]);
    await user.click(screen.getByTestId("traffic-save"));
    expect(await screen.findByText("已保存到调用历史")).toBeInTheDocument();
    expect(calls.find((call) => call.command === "traffic_save_to_history")?.args.id).toBe(7);

    await user.click(screen.getByTestId("traffic-reproduce"));
    expect(await screen.findByTestId("captured-params")).toHaveTextContent("taobao.time.get");
  });
});
