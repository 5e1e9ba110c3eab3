/**
 * What was sent, exactly (secrets masked): URL, parameters, headers, body, and "copy as curl". The
 * session stays masked unless the user ticks the box, and only then is the unmasked command asked of
 * the core.
 */
import { useState } from "react";
import { App, Button, Checkbox, Descriptions, Space, Table, Tooltip, Typography } from "antd";
import { CopyOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { CodeView } from "../CodeView";
import { copyText } from "../clipboard";
import { detectLanguage, prettyBody } from "../format";
import type { ShownRequest } from "./model";
import { useShowError } from "../errors";

function PairTable({ pairs, nameTitle }: { pairs: [string, string][]; nameTitle: string }) {
  const { t } = useTranslation();
  return (
    <Table<[string, string]>
      size="small"
      pagination={false}
      rowKey={(row) => `${row[0]}=${row[1]}`}
      dataSource={pairs}
      columns={[
        { title: nameTitle, width: "30%", render: (_v, row) => <span className="mono">{row[0]}</span> },
        { title: t("request.value"), render: (_v, row) => <span className="mono">{row[1]}</span> },
      ]}
    />
  );
}

export function RequestTab({
  request,
  revealCurl,
}: {
  request: ShownRequest;
  /** Asks the core for the curl command with the session in clear; absent when that is not possible. */
  revealCurl: (() => Promise<string>) | null;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [includeSession, setIncludeSession] = useState(false);
  const [busy, setBusy] = useState(false);
  const contentType = request.headers.find(([name]) => name.toLowerCase() === "content-type")?.[1] ?? null;
  const rawBody = request.form.length === 0 && request.body !== "";
  const language = detectLanguage(contentType, request.body);

  const copyCurl = async () => {
    setBusy(true);
    try {
      const command = includeSession && revealCurl ? await revealCurl() : (request.curl ?? "");
      await copyText(command);
      message.success(includeSession ? t("request.copiedWithSession") : t("request.copied"));
    } catch (raw) {
      showError(raw);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }} data-testid="request">
      <Descriptions size="small" column={1} bordered>
        {request.httpMethod && <Descriptions.Item label={t("request.method")}>{request.httpMethod}</Descriptions.Item>}
        <Descriptions.Item label="URL">
          <Typography.Text className="mono" copyable>
            {request.url}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      {request.query.length > 0 && (
        <div>
          <Typography.Title level={5}>{t("request.query")}</Typography.Title>
          <PairTable pairs={request.query} nameTitle={t("request.param")} />
        </div>
      )}
      {request.form.length > 0 && (
        <div>
          <Typography.Title level={5}>{t("request.form")}</Typography.Title>
          <PairTable pairs={request.form} nameTitle={t("request.param")} />
        </div>
      )}
      {request.headers.length > 0 && (
        <div>
          <Typography.Title level={5}>{t("request.headers")}</Typography.Title>
          <PairTable pairs={request.headers} nameTitle={t("request.header")} />
        </div>
      )}
      {rawBody && (
        <div>
          <Typography.Title level={5}>{t("request.body")}</Typography.Title>
          <CodeView value={prettyBody(request.body, language)} language={language} height="240px" ariaLabel={t("request.body")} />
        </div>
      )}
      {request.curl !== null && (
        <div>
          <Typography.Title level={5}>{t("request.curl")}</Typography.Title>
          <pre className="pre-block mono" data-testid="curl">
            {request.curl}
          </pre>
          <Space wrap style={{ marginTop: 8 }}>
            <Button icon={<CopyOutlined />} loading={busy} onClick={() => void copyCurl()}>
              {t("request.copyCurl")}
            </Button>
            {revealCurl && (
              <Tooltip title={t("request.includeSessionHelp")}>
                <Checkbox checked={includeSession} onChange={(e) => setIncludeSession(e.target.checked)}>
                  {t("request.includeSession")}
                </Checkbox>
              </Tooltip>
            )}
          </Space>
        </div>
      )}
    </Space>
  );
}
