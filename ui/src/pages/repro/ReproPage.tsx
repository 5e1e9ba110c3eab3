/**
 * 复现请求 / Reproduce: a customer's failing request understood in one minute. Paste what the support
 * engineer has (a URL from a log, a curl line, a raw HTTP request, a query string and body, an SDK log
 * line, or a bundle a colleague sent), see every parameter as sent, diagnose the sign, replay it as
 * sent or re-signed, and export it as a bundle for the ticket. History and the console open calls here.
 */
import { useState } from "react";
import { Alert, App, Button, Card, Col, Input, Row, Select, Space, Tag, Typography } from "antd";
import { CopyOutlined, ExportOutlined, FolderOpenOutlined, ReadOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import * as api from "../../api/commands";
import { toIpcFailure } from "../../api/ipc";
import type { BundleCall } from "../../api/bindings/BundleCall";
import type { Diagnosis } from "../../api/bindings/Diagnosis";
import type { ReproOpened } from "../../api/bindings/ReproOpened";
import type { ReproReplay } from "../../api/bindings/ReproReplay";
import { copyText } from "../../components/clipboard";
import { useShowError } from "../../components/errors";
import { useWorkbench } from "../../state/workbench";
import { CapturedView } from "./CapturedView";
import { DiagnosePanel } from "./DiagnosePanel";
import { ReplayPanel } from "./ReplayPanel";
import { useLanguageBound } from "../../i18n/useLanguageBound";

/** What the page works on: the calls opened, the one shown, and what was learnt about each. */
interface Opened {
  calls: BundleCall[];
  fromBundle: boolean;
  chosen: number;
  diagnoses: Record<number, Diagnosis>;
  replays: Record<number, ReproReplay>;
}

function opened(from: ReproOpened | { calls: BundleCall[]; from_bundle: boolean }): Opened {
  return { calls: from.calls, fromBundle: from.from_bundle, chosen: 0, diagnoses: {}, replays: {} };
}

export function ReproPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const wb = useWorkbench();
  const [text, setText] = useState("");
  const [problem, setProblem] = useLanguageBound<string>();
  const [reading, setReading] = useState(false);
  const [state, setState] = useState<Opened | null>(null);
  const [seenSeq, setSeenSeq] = useState<number | null>(null);

  // Calls handed over from history or the console replace what is shown (the pasted text stays).
  const request = wb.reproRequest;
  if (request && request.seq !== seenSeq) {
    setSeenSeq(request.seq);
    setState(opened({ calls: request.calls, from_bundle: false }));
    setProblem(null);
  }

  const read = async () => {
    setReading(true);
    try {
      setState(opened(await api.reproOpen(text)));
      setProblem(null);
    } catch (raw) {
      // The text stays in the box; the message says what was expected and where reading stopped.
      setProblem(toIpcFailure(raw).message);
    } finally {
      setReading(false);
    }
  };

  const openFile = async () => {
    try {
      const file = await api.reproOpenFile();
      if (file) setState(opened(file));
    } catch (raw) {
      showError(raw);
    }
  };

  const current = state?.calls[state.chosen] ?? null;
  /** The call with what this page learnt about it (the diagnosis, the replayed answer), for a bundle. */
  const toExport = (): BundleCall[] => {
    if (!state || !current) return [];
    const diagnosis = state.diagnoses[state.chosen] ?? current.diagnosis;
    return [{ ...current, diagnosis }];
  };

  const exportBundle = async () => {
    try {
      const saved = await api.reproExport({ calls: toExport() });
      if (saved.path) void message.success(t("repro.exported", { path: saved.path }));
    } catch (raw) {
      showError(raw);
    }
  };

  const copyBundle = async () => {
    try {
      await copyText(await api.reproBundleText({ calls: toExport() }));
      void message.success(t("repro.copied"));
    } catch (raw) {
      showError(raw);
    }
  };

  return (
    <div className="page">
      <Card title={t("repro.pasteTitle")} style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">{t("repro.pasteHelp")}</Typography.Paragraph>
        <Input.TextArea
          className="mono"
          aria-label={t("repro.pasteLabel")}
          placeholder={t("repro.pastePlaceholder")}
          autoSize={{ minRows: 4, maxRows: 12 }}
          value={text}
          onChange={(e) => setText(e.target.value)}
          data-testid="repro-text"
        />
        {problem && <Alert type="error" showIcon style={{ marginTop: 12 }} message={t("repro.notRead")} description={problem} data-testid="repro-problem" />}
        <Space wrap style={{ marginTop: 12 }}>
          <Button type="primary" icon={<ReadOutlined />} loading={reading} disabled={text.trim() === ""} onClick={() => void read()} data-testid="repro-read">
            {t("repro.read")}
          </Button>
          <Button icon={<FolderOpenOutlined />} onClick={() => void openFile()}>
            {t("repro.openBundle")}
          </Button>
        </Space>
      </Card>

      {state && current && (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={11}>
            <Card
              title={
                <Space wrap>
                  <span>{t("repro.requestTitle")}</span>
                  <Typography.Text className="mono">{current.api ?? "—"}</Typography.Text>
                  {state.fromBundle && <Tag color="blue">{t("repro.fromBundle")}</Tag>}
                </Space>
              }
              extra={
                <Space>
                  <Button size="small" icon={<CopyOutlined />} onClick={() => void copyBundle()}>
                    {t("repro.copyBundle")}
                  </Button>
                  <Button size="small" icon={<ExportOutlined />} onClick={() => void exportBundle()} data-testid="repro-export">
                    {t("repro.export")}
                  </Button>
                </Space>
              }
            >
              {state.calls.length > 1 && (
                <Select
                  style={{ width: "100%", marginBottom: 12 }}
                  value={state.chosen}
                  aria-label={t("repro.whichCall")}
                  onChange={(chosen: number) => setState({ ...state, chosen })}
                  options={state.calls.map((call, index) => ({ value: index, label: `${index + 1}. ${call.api ?? "—"}` }))}
                />
              )}
              <CapturedView request={current.request} />
              {current.response && (
                <div style={{ marginTop: 12 }}>
                  <Typography.Text strong>{t("repro.recordedAnswer", { status: current.response.status })}</Typography.Text>
                  <Typography.Paragraph className="mono wrap" style={{ maxHeight: 200, overflow: "auto", marginBottom: 0 }} data-testid="recorded-answer">
                    {current.response.body}
                  </Typography.Paragraph>
                </div>
              )}
            </Card>
          </Col>
          <Col xs={24} xl={13}>
            <Card title={t("repro.diagnoseTitle")} style={{ marginBottom: 16 }}>
              <DiagnosePanel
                key={`d-${state.chosen}`}
                request={current.request}
                diagnosis={state.diagnoses[state.chosen] ?? current.diagnosis}
                onDiagnosed={(diagnosis) => setState({ ...state, diagnoses: { ...state.diagnoses, [state.chosen]: diagnosis } })}
              />
            </Card>
            <Card title={t("repro.replayTitle")}>
              <ReplayPanel
                key={`r-${state.chosen}`}
                request={current.request}
                recordedBody={current.response?.body ?? null}
                replay={state.replays[state.chosen] ?? null}
                onReplayed={(replay) => setState({ ...state, replays: { ...state.replays, [state.chosen]: replay } })}
              />
            </Card>
          </Col>
        </Row>
      )}
    </div>
  );
}
