/**
 * The console's result card: which call the result belongs to, the result itself, and the ways on from
 * it (to 复现请求, an exported bundle). Drawn again only when the result or what it offers changes, not
 * while a call is on its way.
 */
import { memo, Suspense, useEffect, useMemo, useRef } from "react";
import { App, Button, Card, Skeleton, Space, Typography } from "antd";
import { ExportOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import * as api from "../../api/commands";
import type { CallInput } from "../../api/bindings/CallInput";
import { useWorkbench } from "../../state/workbench";
import type { ShownCall } from "../../components/result/model";
import { useShowError } from "../../components/errors";
import { pick } from "../../i18n/pick";
import { environmentLabel } from "../../components/environments";
import { preloadable } from "../../components/preloadable";
import { preloadCodeView } from "../../components/CodeView";
import type { ShownFor } from "./consoleState";

// A result (its tabs, tables and code view) is drawn only after a send: it loads once the console is
// on screen, not with the first screen, and the first result then draws at once.
const resultView = preloadable(() => import("../../components/result/ResultView").then((module) => module.ResultView));
const ResultView = resultView.Component;
/** How long after the console is drawn the result view starts loading, so the first frame goes first. */
const PRELOAD_AFTER_MS = 300;

interface ResultCardProps {
  shown: ShownCall | null;
  shownFor: ShownFor | null;
  /** What was sent for the shown result, for "copy as curl" with the session. */
  lastInput: CallInput | null;
  /** Turns the automatic wdt_sign back on; offered when a 旺店通 call went without it. */
  computeWdtSign: (() => void) | undefined;
}

function ResultCardView({ shown, shownFor, lastInput, computeWdtSign }: ResultCardProps) {
  const { t } = useTranslation();
  const showError = useShowError();
  const { message } = App.useApp();
  const wb = useWorkbench();
  const { language, navigate } = wb;
  const card = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // A load that fails here is tried again when the first result is drawn.
    const preload = () => Promise.all([resultView.preload(), preloadCodeView()]).catch(() => undefined);
    const timer = window.setTimeout(() => void preload(), PRELOAD_AFTER_MS);
    return () => window.clearTimeout(timer);
  }, []);

  // When the result sits below the form (narrow windows), bring its top into view once it arrives.
  useEffect(() => {
    const element = card.current;
    if (!shown || !element) return;
    if (element.getBoundingClientRect().top > window.innerHeight * 0.6) element.scrollIntoView?.({ behavior: "smooth", block: "start" });
  }, [shown]);

  const shownId = shown?.historyId ?? null;
  const compare = useMemo(
    () => (shownId !== null ? (pasted: string) => api.signCompare({ target: { kind: "history", history_id: shownId }, pasted }) : null),
    [shownId],
  );
  const revealCurl = useMemo(() => (lastInput ? () => api.callCurl(lastInput, true) : null), [lastInput]);
  const remedies = useMemo(() => ({ editSecret: () => navigate("profiles"), computeWdtSign }), [navigate, computeWdtSign]);
  // The call the shown result belongs to, named as the pickers name it.
  const shownProfile = wb.profiles.find((profile) => profile.id === shownFor?.profileId);
  const shownEnvironment = wb.environments.find((env) => env.id === shownFor?.environmentId);

  const openInRepro = async (historyId: number) => {
    try {
      wb.openReproWith(await api.historyBundle([historyId]));
    } catch (raw) {
      showError(raw);
    }
  };

  const exportCall = async (historyId: number) => {
    try {
      const saved = await api.reproExport({ calls: await api.historyBundle([historyId]) });
      if (saved.path) void message.success(t("repro.exported", { path: saved.path }));
    } catch (raw) {
      showError(raw);
    }
  };

  return (
    <Card
      title={t("console.resultTitle")}
      ref={card}
      className="result-card"
      extra={
        shownId !== null && (
          <Space size={4}>
            <Button size="small" onClick={() => void openInRepro(shownId)} data-testid="result-to-repro">
              {t("console.toRepro")}
            </Button>
            <Button size="small" icon={<ExportOutlined />} onClick={() => void exportCall(shownId)} data-testid="result-export">
              {t("console.exportBundle")}
            </Button>
          </Space>
        )
      }
    >
      {shown && shownFor && (
        <Typography.Paragraph type="secondary" data-testid="result-for">
          {t("console.resultFor", {
            method: shownFor.method,
            profile: shownProfile ? pick(shownProfile.label, language) : "—",
            environment: shownEnvironment ? environmentLabel(shownEnvironment, language) : shownFor.environmentId,
          })}
        </Typography.Paragraph>
      )}
      {shown ? (
        <Suspense fallback={<Skeleton active paragraph={{ rows: 4 }} />}>
          <ResultView call={shown} compare={compare} revealCurl={revealCurl} remedies={remedies} />
        </Suspense>
      ) : (
        <Typography.Paragraph type="secondary" data-testid="no-result">
          {t("console.noResult")}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

export const ResultCard = memo(ResultCardView);
