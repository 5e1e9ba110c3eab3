/**
 * 旺店通 query answers read as rows for the Table view: sales orders (`wdt.trade.query`), after-sales
 * orders (`wdt.refund.query`), stock (`wdt.stock.query`) and the CRM joint-test API's orders
 * (`qimen.taobao.crm.order.detail.get`). The answer is recognised by its shape, wherever the list sits:
 * under the Qimen `response`, a TOP `*_response` wrapper, or at the root (simplified answers).
 */

export type WdtTableKind = "trades" | "refunds" | "stocks" | "crmOrders";

export type Row = Record<string, unknown>;

export interface WdtTable {
  kind: WdtTableKind;
  rows: Row[];
  /** How many the platform says match (`total_count` / `total_results`), when it says. */
  total: number | null;
}

/** How a column's values are shown. */
export type ColumnFormat = "text" | "money" | "count" | "time" | "code";

export interface ColumnSpec {
  /** The field in the answer. */
  key: string;
  /** Its title: `resultTable.columns.<title>`. */
  title: string;
  format: ColumnFormat;
  /** For `code` columns: the labels under `resultTable.<codes>.<value>`. */
  codes?: string;
}

/** The list's field, a field every row of that list has, and the columns shown, in order. */
const KINDS: Record<WdtTableKind, { list: string; marker: string[]; totalKey: string; columns: ColumnSpec[] }> = {
  trades: {
    list: "trades",
    marker: ["trade_no"],
    totalKey: "total_count",
    columns: [
      { key: "trade_no", title: "tradeNo", format: "text" },
      { key: "src_tids", title: "srcTid", format: "text" },
      { key: "shop_name", title: "shop", format: "text" },
      { key: "trade_status", title: "status", format: "code", codes: "tradeStatus" },
      { key: "goods_count", title: "goodsCount", format: "count" },
      { key: "receivable", title: "amount", format: "money" },
      { key: "paid", title: "paid", format: "money" },
      { key: "trade_time", title: "tradeTime", format: "time" },
      { key: "logistics_name", title: "logistics", format: "text" },
    ],
  },
  refunds: {
    list: "refunds",
    marker: ["refund_no"],
    totalKey: "total_count",
    columns: [
      { key: "refund_no", title: "refundNo", format: "text" },
      { key: "trade_no", title: "tradeNo", format: "text" },
      { key: "shop_name", title: "shop", format: "text" },
      { key: "type", title: "refundType", format: "code", codes: "refundType" },
      { key: "process_status", title: "status", format: "code", codes: "refundStatus" },
      { key: "refund_amount", title: "refundAmount", format: "money" },
      { key: "reason_name", title: "reason", format: "text" },
      { key: "created", title: "createdTime", format: "time" },
    ],
  },
  stocks: {
    list: "stocks",
    marker: ["spec_no", "warehouse_no"],
    totalKey: "total_count",
    columns: [
      { key: "spec_no", title: "sku", format: "text" },
      { key: "goods_name", title: "goodsName", format: "text" },
      { key: "spec_name", title: "specName", format: "text" },
      { key: "warehouse_name", title: "warehouse", format: "text" },
      { key: "stock_num", title: "stock", format: "count" },
      { key: "avaliable_num", title: "available", format: "count" },
      { key: "sending_num", title: "sending", format: "count" },
      { key: "modified", title: "modifiedTime", format: "time" },
    ],
  },
  crmOrders: {
    list: "orders",
    marker: [],
    totalKey: "total_results",
    columns: [
      { key: "order_sn", title: "tradeNo", format: "text" },
      { key: "deal_code", title: "srcTid", format: "text" },
      { key: "shop_name", title: "shop", format: "text" },
      { key: "sd_id", title: "shopNo", format: "text" },
      { key: "order_status", title: "status", format: "code", codes: "crmOrderStatus" },
      { key: "order_amount", title: "amount", format: "money" },
      { key: "money_paid", title: "paid", format: "money" },
      { key: "add_time", title: "tradeTime", format: "time" },
      { key: "shipping_name", title: "logistics", format: "text" },
    ],
  },
};

/** The lines of one sales order, for its expanded row. */
export const TRADE_LINE_COLUMNS: ColumnSpec[] = [
  { key: "goods_name", title: "goodsName", format: "text" },
  { key: "spec_name", title: "specName", format: "text" },
  { key: "spec_no", title: "sku", format: "text" },
  { key: "num", title: "quantity", format: "count" },
  { key: "share_amount", title: "lineAmount", format: "money" },
];

const isObject = (value: unknown): value is Row => typeof value === "object" && value !== null && !Array.isArray(value);

/** The objects an answer's fields may sit in: the root, a Qimen `response`, a TOP `*_response`. */
function containers(root: Row): Row[] {
  const found: Row[] = [root];
  for (const [key, value] of Object.entries(root)) {
    if ((key === "response" || key.endsWith("_response")) && isObject(value)) found.push(value);
  }
  return found;
}

function isCrmOrder(row: Row): boolean {
  return "order_sn" in row || "order_id" in row || "deal_code" in row;
}

function readKind(container: Row, kind: WdtTableKind): WdtTable | null {
  const spec = KINDS[kind];
  const list = container[spec.list];
  if (!Array.isArray(list) || !list.every(isObject)) return null;
  const rows = list as Row[];
  const marked = kind === "crmOrders" ? rows.every(isCrmOrder) : rows.every((row) => spec.marker.every((key) => key in row));
  if (!marked) return null;
  const total = Number(container[spec.totalKey]);
  return { kind, rows, total: Number.isFinite(total) && container[spec.totalKey] !== undefined ? total : null };
}

/** The answer as a table, or null when it is not a 旺店通 order, refund or stock list (or not JSON). */
export function readWdtTable(body: string): WdtTable | null {
  const text = body.trim();
  if (!text.startsWith("{")) return null;
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isObject(root)) return null;
  for (const container of containers(root)) {
    for (const kind of Object.keys(KINDS) as WdtTableKind[]) {
      const table = readKind(container, kind);
      if (table) return table;
    }
  }
  return null;
}

/** The columns of a table: those of its kind that at least one row has (the CRM answer holds only the fields asked for). */
export function columnsOf(table: WdtTable): ColumnSpec[] {
  const columns = KINDS[table.kind].columns;
  if (table.rows.length === 0) return columns;
  return columns.filter((column) => table.rows.some((row) => row[column.key] !== undefined));
}

/** A count as 旺店通 writes it ("12.0000") shown plainly ("12"). */
export function plainCount(value: unknown): string {
  if (value === null || value === undefined || value === "") return "";
  const number = Number(value);
  return Number.isFinite(number) ? String(number) : String(value);
}

/** A cell's text, before code labels are translated. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}
