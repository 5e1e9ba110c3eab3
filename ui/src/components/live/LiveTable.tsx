/**
 * A live list as the relay and the receiver show it: filter, failures only, pause and clear above a
 * virtualised table of fixed height (smooth with thousands of rows, hundreds arriving a second),
 * newest first; a row opens the detail. The words come from the page's own i18n namespace (`filter`,
 * `filterPlaceholder`, `onlyFailures`, `missed`, `pause`, `resume`, `clear`, `clearConfirm`,
 * `empty`, `time`, `httpMethod`, `api`), the test ids from its prefix (`<prefix>-filter`,
 * `<prefix>-list`, `<prefix>-row-<id>` …). Every live row is a request: its time, HTTP method and API
 * (the path when it names none) lead, the page's own columns follow.
 */
import { useCallback, useMemo } from "react";
import { Button, Checkbox, Input, Popconfirm, Space, Table, Tooltip, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { CaretRightOutlined, DeleteOutlined, PauseOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { formatPlatformTime, PLATFORM_ZONE } from "../format";
import type { LiveFeed } from "./useLiveFeed";

/** The table's body height: fixed, so only the rows in sight are rendered. */
const LIST_HEIGHT = 340;
const ROW_STYLE = { cursor: "pointer" };

/** What every live row has: a request as it arrived. */
interface LiveRow {
  id: number;
  http_method: string;
  /** The API the request names, if any. */
  api: string | null;
  path: string;
}

interface LiveTableProps<T> {
  feed: LiveFeed<T>;
  /** The i18n namespace of the words, and the prefix of the test ids. */
  ns: string;
  /** The key of the time column's value in a row. */
  timeKey: keyof T & string;
  /** The columns after the time, the HTTP method and the API. */
  columns: ColumnsType<T>;
  /** The table's width at least, before it scrolls sideways. */
  minWidth: number;
  onOpen: (id: number) => void;
}

export function LiveTable<T extends LiveRow>({ feed, ns, timeKey, columns, minWidth, onOpen }: LiveTableProps<T>) {
  const { t } = useTranslation();
  // Everything the table is handed stays the same object from one batch to the next, so a batch
  // redraws the rows it adds and the table keeps the rest as they are.
  const allColumns = useMemo<ColumnsType<T>>(
    () => [
      {
        title: `${t(`${ns}.time`)} (${PLATFORM_ZONE})`,
        dataIndex: timeKey,
        width: 120,
        // The time of day; the date on hover (a joint test runs within a day).
        render: (at: string) => (
          <Tooltip title={formatPlatformTime(at)}>
            <span className="mono">{formatPlatformTime(at).slice(11)}</span>
          </Tooltip>
        ),
      },
      { title: t(`${ns}.httpMethod`), dataIndex: "http_method", width: 70 },
      {
        title: t(`${ns}.api`),
        dataIndex: "api",
        ellipsis: true,
        render: (api: string | null, row) => (
          <Tooltip title={row.path}>
            <span className="mono" data-testid={`${ns}-row-${row.id}`}>
              {api ?? row.path}
            </span>
          </Tooltip>
        ),
      },
      ...columns,
    ],
    [t, ns, timeKey, columns],
  );
  const scroll = useMemo(() => ({ x: minWidth, y: LIST_HEIGHT }), [minWidth]);
  const locale = useMemo(() => ({ emptyText: t(`${ns}.empty`) }), [t, ns]);
  const onRow = useCallback((row: T) => ({ onClick: () => onOpen(row.id), style: ROW_STYLE }), [onOpen]);
  return (
    <Space direction="vertical" size={12} style={{ width: "100%" }}>
      <div style={{ display: "flex", flexWrap: "wrap", gap: 12, alignItems: "center" }}>
        <Input.Search
          allowClear
          value={feed.text}
          onChange={(e) => feed.setText(e.target.value)}
          placeholder={t(`${ns}.filterPlaceholder`)}
          aria-label={t(`${ns}.filter`)}
          style={{ width: 280 }}
          data-testid={`${ns}-filter`}
        />
        <Checkbox checked={feed.onlyFailures} onChange={(e) => feed.setOnlyFailures(e.target.checked)} data-testid={`${ns}-failures`}>
          {t(`${ns}.onlyFailures`)}
        </Checkbox>
        <span style={{ flex: 1 }} />
        {feed.paused && feed.missed > 0 && (
          <Typography.Text type="warning" data-testid={`${ns}-missed`}>
            {t(`${ns}.missed`, { n: feed.missed })}
          </Typography.Text>
        )}
        <Button icon={feed.paused ? <CaretRightOutlined /> : <PauseOutlined />} onClick={() => feed.setPaused(!feed.paused)} data-testid={`${ns}-pause`}>
          {feed.paused ? t(`${ns}.resume`) : t(`${ns}.pause`)}
        </Button>
        <Popconfirm title={t(`${ns}.clearConfirm`)} onConfirm={() => void feed.clear()} okText={t(`${ns}.clear`)} cancelText={t("common.cancel")}>
          <Button danger icon={<DeleteOutlined />} data-testid={`${ns}-clear`}>
            {t(`${ns}.clear`)}
          </Button>
        </Popconfirm>
      </div>
      <Table<T>
        virtual
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={feed.items}
        scroll={scroll}
        locale={locale}
        onRow={onRow}
        data-testid={`${ns}-list`}
        columns={allColumns}
      />
    </Space>
  );
}
