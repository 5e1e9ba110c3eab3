/**
 * The response body: pretty and highlighted when small, raw and virtualised above the limit, with Copy and
 * Save always there (Save writes the whole body, even when the view was cut).
 */
import { useMemo, useState } from "react";
import { Alert, App, Button, Space } from "antd";
import { CopyOutlined, SaveOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import * as api from "../../api/commands";
import type { ShownResponse } from "./model";
import { CodeView } from "../CodeView";
import { RawTextView } from "../RawTextView";
import { copyText } from "../clipboard";
import { detectLanguage, formatBytes, HIGHLIGHT_LIMIT_BYTES, prettyBody } from "../format";
import { useShowError } from "../errors";

export function ResponseTab({ response, historyId }: { response: ShownResponse; historyId: number | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [saving, setSaving] = useState(false);
  const language = detectLanguage(response.contentType, response.body);
  const large = response.body.length > HIGHLIGHT_LIMIT_BYTES;
  const shown = useMemo(() => (large ? response.body : prettyBody(response.body, language)), [large, response.body, language]);

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
      {(large || response.bodyTruncated) && (
        <Alert
          type="warning"
          showIcon
          data-testid="large-body-warning"
          message={
            response.bodyTruncated
              ? t("result.truncated", { shown: formatBytes(response.body.length), full: formatBytes(response.sizeBytes) })
              : t("result.large", { size: formatBytes(response.sizeBytes) })
          }
        />
      )}
      <Space>
        <Button icon={<CopyOutlined />} onClick={() => void copy()}>
          {t("result.copy")}
        </Button>
        <Button icon={<SaveOutlined />} loading={saving} disabled={historyId === null} onClick={() => void save()}>
          {t("result.save")}
        </Button>
      </Space>
      {large ? (
        <RawTextView text={shown} height={420} ariaLabel={t("result.tabs.response")} testId="response-raw" />
      ) : (
        <CodeView value={shown} language={language} height="420px" ariaLabel={t("result.tabs.response")} testId="response-body" />
      )}
    </Space>
  );
}
