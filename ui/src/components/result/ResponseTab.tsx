/**
 * The response body: pretty and highlighted when small, raw and virtualised above the limit, with Copy and
 * Save always there (Save writes the whole body, even when the view was cut).
 */
import { useMemo, useState } from "react";
import { Alert, App, Button, Segmented, Space } from "antd";
import { CopyOutlined, SaveOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import * as api from "../../api/commands";
import type { ShownResponse } from "./model";
import { CodeView } from "../CodeView";
import { RawTextView } from "../RawTextView";
import { copyText } from "../clipboard";
import { detectLanguage, formatBytes, hasLongLine, HIGHLIGHT_LIMIT_BYTES, prettyBody, utf8Bytes } from "../format";
import { useShowError } from "../errors";
import { readWdtTable } from "./wdtTable";
import { WdtTableView } from "./WdtTableView";

export function ResponseTab({ response, historyId }: { response: ShownResponse; historyId: number | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [saving, setSaving] = useState(false);
  const language = detectLanguage(response.contentType, response.body);
  // A cut body cannot be pretty-printed, a large one is too slow to highlight, and one very long line
  // (a minified answer) froze the editor for most of a second: those go to the virtualised raw view.
  const pretty = useMemo(
    () => (response.bodyTruncated || response.body.length > HIGHLIGHT_LIMIT_BYTES ? null : prettyBody(response.body, language)),
    [response.body, response.bodyTruncated, language],
  );
  const large = pretty === null || hasLongLine(pretty);
  const shown = pretty ?? response.body;
  const shownBytes = useMemo(() => (response.bodyTruncated ? utf8Bytes(response.body) : response.sizeBytes), [response.body, response.bodyTruncated, response.sizeBytes]);
  // A 旺店通 order, refund or stock list can also be read as a table; the raw answer stays one click away.
  const table = useMemo(() => (response.bodyTruncated ? null : readWdtTable(response.body)), [response.body, response.bodyTruncated]);
  const [view, setView] = useState<"raw" | "table">("raw");

  const copy = async () => {
    try {
      await copyText(response.body);
      message.success(response.bodyTruncated ? t("result.copiedPart") : t("result.copied"));
    } catch {
      showError(t("result.copyFailed"));
    }
  };

  const save = async () => {
    if (historyId === null) return;
    setSaving(true);
    try {
      const path = await api.responseSave(historyId);
      if (path) message.success(t("result.saved", { path }));
    } catch (raw) {
      showError(raw);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Space direction="vertical" size={12} style={{ width: "100%" }}>
      {(response.bodyTruncated || response.body.length > HIGHLIGHT_LIMIT_BYTES) && (
        <Alert
          type="warning"
          showIcon
          data-testid="large-body-warning"
          message={
            response.bodyTruncated
              ? t("result.truncated", { shown: formatBytes(shownBytes), full: formatBytes(response.sizeBytes) })
              : t("result.large", { size: formatBytes(response.sizeBytes) })
          }
        />
      )}
      <Space wrap>
        {table && (
          <Segmented<"raw" | "table">
            data-testid="response-view-switch"
            value={view}
            onChange={setView}
            options={[
              { value: "raw", label: t("resultTable.raw") },
              { value: "table", label: t("resultTable.table") },
            ]}
          />
        )}
        <Button icon={<CopyOutlined />} onClick={() => void copy()}>
          {t("result.copy")}
        </Button>
        <Button icon={<SaveOutlined />} loading={saving} disabled={historyId === null} onClick={() => void save()}>
          {t("result.save")}
        </Button>
      </Space>
      {table && view === "table" ? (
        <WdtTableView table={table} />
      ) : large ? (
        <RawTextView text={shown} height={420} ariaLabel={t("result.tabs.response")} testId="response-raw" />
      ) : (
        <CodeView value={shown} language={language} height="420px" ariaLabel={t("result.tabs.response")} testId="response-body" />
      )}
    </Space>
  );
}
