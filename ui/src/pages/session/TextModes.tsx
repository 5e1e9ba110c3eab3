/**
 * The two modes where the user brings the result: paste the whole redirected URL (or just the code)
 * from any browser, or type a session obtained elsewhere. Neither shows a token back.
 */
import { useState } from "react";
import { Alert, Button, Input, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import * as api from "../../api/commands";
import { toIpcFailure } from "../../api/ipc";
import type { FlowOptions } from "../../api/bindings/FlowOptions";
import type { SessionFlow } from "../../api/bindings/SessionFlow";
import type { SessionStatus } from "../../api/bindings/SessionStatus";
import { SessionError, type SessionProblem } from "./SessionError";
import { useOpenExternal } from "../../components/links";
import { useLanguageBound } from "../../i18n/useLanguageBound";

interface Props {
  profileId: number;
  options: FlowOptions;
  onSession: (status: SessionStatus) => void;
}

export function PasteMode({ profileId, options, onSession }: Props) {
  const { t } = useTranslation();
  const openExternal = useOpenExternal();
  const [flow, setFlow] = useState<SessionFlow | null>(null);
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useLanguageBound<SessionProblem>();
  const [doneNick, setDoneNick] = useState<string | null | undefined>(undefined);

  const prepare = async () => {
    setProblem(null);
    try {
      const started = await api.sessionAuthorizeUrl(profileId, options);
      setFlow(started);
      openExternal(started.url);
    } catch (raw) {
      setProblem(toIpcFailure(raw));
    }
  };

  const submit = async () => {
    setBusy(true);
    setProblem(null);
    setDoneNick(undefined);
    try {
      // With a started flow its state is checked and its route used; without one, the page's route.
      const status = await api.sessionPaste(profileId, text, flow?.flow_id ?? null, flow ? null : options.route);
      setText("");
      setFlow(null);
      setDoneNick(status.user_nick);
      onSession(status);
    } catch (raw) {
      setProblem(toIpcFailure(raw));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Typography.Paragraph type="secondary">{t("session.modes.paste.help")}</Typography.Paragraph>
      <Space wrap>
        <Button onClick={() => void prepare()}>{t("session.modes.paste.open")}</Button>
      </Space>
      {flow && (
        <Typography.Text copyable={{ text: flow.url }} data-testid="paste-authorize-url" code>
          {flow.url}
        </Typography.Text>
      )}
      <Input.TextArea
        aria-label={t("session.modes.paste.label")}
        placeholder={t("session.modes.paste.placeholder")}
        autoSize={{ minRows: 3, maxRows: 6 }}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <Button type="primary" loading={busy} disabled={!text.trim()} onClick={() => void submit()}>
        {t("session.modes.paste.submit")}
      </Button>
      {doneNick !== undefined && (
        <Alert type="success" showIcon data-testid="session-done" message={t("session.done", { nick: doneNick ?? "" })} />
      )}
      {problem && <SessionError problem={problem} />}
    </Space>
  );
}

export function ManualMode({ profileId, onSession }: Omit<Props, "options">) {
  const { t } = useTranslation();
  const [value, setValue] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useLanguageBound<SessionProblem>();
  const [saved, setSaved] = useState(false);

  const submit = async () => {
    setBusy(true);
    setProblem(null);
    setSaved(false);
    try {
      const status = await api.sessionManual(profileId, value);
      setValue("");
      setSaved(true);
      onSession(status);
    } catch (raw) {
      setProblem(toIpcFailure(raw));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Typography.Paragraph type="secondary">{t("session.modes.manual.help")}</Typography.Paragraph>
      <Input.Password
        aria-label={t("session.modes.manual.label")}
        autoComplete="off"
        value={value}
        onChange={(event) => setValue(event.target.value)}
      />
      <Button type="primary" loading={busy} disabled={!value.trim()} onClick={() => void submit()}>
        {t("session.modes.manual.submit")}
      </Button>
      {saved && <Alert type="success" showIcon message={t("session.modes.manual.saved")} />}
      {problem && <SessionError problem={problem} />}
    </Space>
  );
}
