import { describe, expect, it } from "vitest";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { i18n } from "../../i18n";
import { ResponseTab } from "./ResponseTab";
import { renderInApp } from "../../test/render";
import { readWdtTable } from "./wdtTable";

function trade(n: number) {
  return {
    trade_no: `JY2024050100${String(n).padStart(2, "0")}`,
    src_tids: `20000000000000000${n}`,
    shop_name: "晴川数码天猫店",
    trade_status: n % 2 === 0 ? 95 : 110,
    goods_count: "2.0000",
    receivable: "199.00",
    paid: "199.00",
    trade_time: "2024-05-01 10:00:00",
    logistics_name: "中通快递",
    goods_list: [{ goods_name: "无线耳机", spec_name: "白色", spec_no: "EAR-W", num: 2, share_amount: "199.00" }],
  };
}

const qimen = (fields: Record<string, unknown>) => JSON.stringify({ response: { flag: "success", code: "0", message: "成功", ...fields, request_id: "r1" } });

const TRADES = qimen({ total_count: 25, trades: Array.from({ length: 12 }, (_, i) => trade(i + 1)) });
const REFUNDS = qimen({
  total_count: 1,
  refunds: [
    { refund_no: "TK2024050001", trade_no: "JY202405010001", shop_name: "晴川数码天猫店", type: 2, process_status: 60, refund_amount: "99.00", reason_name: "不想要了", created: "2024-05-02 09:00:00" },
  ],
});
const STOCKS = qimen({
  total_count: 1,
  stocks: [
    { spec_no: "EAR-W", goods_name: "无线耳机", spec_name: "白色", warehouse_no: "WH01", warehouse_name: "杭州主仓", stock_num: "120.0000", avaliable_num: "100.0000", sending_num: "20.0000", modified: "2024-05-01 12:00:00" },
  ],
});

function show(body: string, bodyTruncated = false) {
  return renderInApp(
    <ResponseTab response={{ status: 200, latencyMs: 5, sizeBytes: body.length, contentType: "application/json", body, bodyTruncated }} historyId={7} />,
  );
}

describe("readWdtTable", () => {
  it("recognises orders, refunds and stock wherever the answer puts them", () => {
    expect(readWdtTable(TRADES)).toMatchObject({ kind: "trades", total: 25 });
    expect(readWdtTable(REFUNDS)?.kind).toBe("refunds");
    expect(readWdtTable(STOCKS)?.kind).toBe("stocks");
    // A simplified answer (fields at the root) and the CRM joint-test API's orders.
    expect(readWdtTable(JSON.stringify({ trades: [trade(1)] }))?.kind).toBe("trades");
    expect(readWdtTable(JSON.stringify({ response: { total_results: 1, orders: [{ order_sn: "JY1", order_status: 1 }] } }))).toMatchObject({
      kind: "crmOrders",
      total: 1,
    });
  });

  it("leaves every other answer as it is", () => {
    expect(readWdtTable('{"time_get_response":{"time":"2024-05-01 16:00:00"}}')).toBeNull();
    expect(readWdtTable('{"response":{"trades":[{"tid":"1"}]}}')).toBeNull();
    expect(readWdtTable("<response><flag>success</flag></response>")).toBeNull();
    expect(readWdtTable('{"response":{"trades":[')).toBeNull();
  });
});

describe("the Table view of a 旺店通 answer", () => {
  it("shows orders with their main columns, statuses in words and 10 rows a page, beside the raw answer", async () => {
    await i18n.changeLanguage("zh-CN");
    const user = userEvent.setup();
    show(TRADES);
    expect(await screen.findByTestId("response-body")).toBeInTheDocument();

    await user.click(screen.getByText("表格"));
    const table = screen.getByTestId("wdt-table");
    expect(screen.queryByTestId("response-body")).not.toBeInTheDocument();
    for (const column of ["订单号", "店铺", "状态", "订单金额（元）", "下单时间"]) {
      expect(within(table).getByRole("columnheader", { name: column })).toBeInTheDocument();
    }
    expect(table).toHaveTextContent("这一页 12 条，平台说一共 25 条");
    expect(within(table).getAllByText("已发货 (95)").length).toBeGreaterThan(0);
    expect(within(table).getByText("JY202405010001")).toBeInTheDocument();
    // Ten rows on the first page; the rest on the second.
    expect(within(table).queryByText("JY202405010011")).not.toBeInTheDocument();
    await user.click(within(table).getByTitle("2"));
    expect(within(table).getByText("JY202405010011")).toBeInTheDocument();

    await user.click(screen.getByText("原始数据"));
    expect(await screen.findByTestId("response-body")).toBeInTheDocument();
  });

  it("shows refunds and stock with their own columns, in English too", async () => {
    const user = userEvent.setup();
    await i18n.changeLanguage("zh-CN");
    const { unmount } = show(REFUNDS);
    await user.click(screen.getByText("表格"));
    const refunds = screen.getByTestId("wdt-table");
    expect(within(refunds).getByRole("columnheader", { name: "退换单号" })).toBeInTheDocument();
    expect(refunds).toHaveTextContent("退货 (2)");
    expect(refunds).toHaveTextContent("待收货 (60)");
    expect(refunds).toHaveTextContent("99.00");
    unmount();

    await i18n.changeLanguage("en-US");
    show(STOCKS);
    await user.click(screen.getByText("Table"));
    const stock = screen.getByTestId("wdt-table");
    for (const column of ["SKU", "Warehouse", "In stock", "Available"]) {
      expect(within(stock).getByRole("columnheader", { name: column })).toBeInTheDocument();
    }
    // 旺店通 writes counts as "120.0000": shown plainly.
    expect(stock).toHaveTextContent("120");
    expect(stock).not.toHaveTextContent("120.0000");
    await i18n.changeLanguage("zh-CN");
  });

  it("offers no table for other answers or a cut body", async () => {
    await i18n.changeLanguage("zh-CN");
    const { unmount } = show('{"time_get_response":{"time":"2024-05-01 16:00:00"}}');
    expect(screen.queryByText("表格")).not.toBeInTheDocument();
    unmount();
    show(TRADES.slice(0, 200), true);
    expect(screen.queryByText("表格")).not.toBeInTheDocument();
  });
});
