/**
 * A captured request as it was sent: method and address, every parameter with where it travelled
 * (query or form), and the body.
 */
import { Descriptions, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { CapturedParam } from "../../api/bindings/CapturedParam";
import type { CapturedRequest } from "../../api/bindings/CapturedRequest";

export function CapturedView({ request }: { request: CapturedRequest }) {
  const { t } = useTranslation();
  return (
    <div data-testid="captured">
      <Descriptions size="small" column={1} bordered style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t("repro.httpMethod")}>
          <span className="mono">{request.http_method}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t("repro.address")}>
          <span className="mono wrap">{request.url ?? t("repro.noAddress")}</span>
        </Descriptions.Item>
        {request.content_type && (
          <Descriptions.Item label="Content-Type">
            <span className="mono">{request.content_type}</span>
          </Descriptions.Item>
        )}
        {request.sent_at && <Descriptions.Item label={t("repro.sentAt")}>{request.sent_at}</Descriptions.Item>}
      </Descriptions>
      <Table<CapturedParam>
        size="small"
        rowKey={(param) => `${param.place}-${param.name}-${param.raw}`}
        pagination={false}
        scroll={{ x: true }}
        dataSource={request.params}
        data-testid="captured-params"
        columns={[
          { title: t("repro.param"), dataIndex: "name", render: (name: string) => <span className="mono">{name}</span> },
          { title: t("repro.value"), dataIndex: "value", render: (value: string) => <span className="mono wrap">{value}</span> },
          {
            title: t("repro.place"),
            dataIndex: "place",
            width: 90,
            render: (place: CapturedParam["place"]) => <Tag>{place === "query" ? t("repro.inQuery") : t("repro.inForm")}</Tag>,
          },
        ]}
      />
      {request.body && !request.params.some((param) => param.place === "form") && (
        <div style={{ marginTop: 12 }}>
          <Typography.Text strong>{t("repro.body")}</Typography.Text>
          <Typography.Paragraph className="mono wrap" style={{ maxHeight: 240, overflow: "auto", marginBottom: 0 }}>
            {request.body}
          </Typography.Paragraph>
        </div>
      )}
    </div>
  );
}
