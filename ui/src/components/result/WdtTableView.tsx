/**
 * A 旺店通 order, refund or stock list as a table: the main columns, status codes in words, amounts and
 * counts right-aligned, 10 rows a page; a sales order opens to its lines.
 */
import { useMemo } from "react";
import { Table, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useTranslation } from "react-i18next";
import { cellText, columnsOf, plainCount, TRADE_LINE_COLUMNS, type ColumnSpec, type Row, type WdtTable } from "./wdtTable";

type Translate = ReturnType<typeof useTranslation>["t"];

/** Rows are keyed by their place in the answer (numbers may repeat across pages of a real answer). */
const ROW_KEY = "__row";
const keyed = (rows: Row[]): Row[] => rows.map((row, index) => ({ ...row, [ROW_KEY]: index }));

function antColumns(specs: ColumnSpec[], t: Translate): ColumnsType<Row> {
  return specs.map((spec) => ({
    key: spec.key,
    dataIndex: spec.key,
    title: t(`resultTable.columns.${spec.title}`),
    align: spec.format === "money" || spec.format === "count" ? "right" : "left",
    ellipsis: spec.format === "text",
    render: (value: unknown) => {
      if (spec.format === "count") return plainCount(value);
      const text = cellText(value);
      if (spec.format === "code" && spec.codes && text !== "") {
        const label = t(`resultTable.${spec.codes}.${text}`, { defaultValue: "" });
        return label ? `${label} (${text})` : text;
      }
      return text;
    },
  }));
}

function TradeLines({ row }: { row: Row }) {
  const { t } = useTranslation();
  const lines = Array.isArray(row.goods_list) ? keyed(row.goods_list as Row[]) : [];
  return (
    <Table<Row>
      size="small"
      pagination={false}
      rowKey={ROW_KEY}
      columns={antColumns(TRADE_LINE_COLUMNS, t)}
      dataSource={lines}
      aria-label={t("resultTable.lines")}
    />
  );
}

export function WdtTableView({ table }: { table: WdtTable }) {
  const { t } = useTranslation();
  const rows = useMemo(() => keyed(table.rows), [table.rows]);
  const expandable =
    table.kind === "trades" && table.rows.some((row) => Array.isArray(row.goods_list) && row.goods_list.length > 0)
      ? { expandedRowRender: (row: Row) => <TradeLines row={row} /> }
      : undefined;
  return (
    <div data-testid="wdt-table">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t(`resultTable.kinds.${table.kind}`)}
        {" · "}
        {table.total !== null && table.total !== table.rows.length
          ? t("resultTable.countOfTotal", { count: table.rows.length, total: table.total })
          : t("resultTable.count", { count: table.rows.length })}
      </Typography.Paragraph>
      <Table<Row>
        size="small"
        rowKey={ROW_KEY}
        columns={antColumns(columnsOf(table), t)}
        dataSource={rows}
        expandable={expandable}
        scroll={{ x: "max-content" }}
        pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
        locale={{ emptyText: t("resultTable.empty") }}
      />
    </div>
  );
}
