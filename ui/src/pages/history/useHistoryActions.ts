/**
 * What can be done with recorded calls besides viewing them, shared by the list and the detail drawer:
 * open one in the console, reproduce calls on the 复现请求 page, or export them as one bundle file.
 * Failures go to the common error toast; a cancelled save dialog shows nothing.
 */
import { useState } from "react";
import { App } from "antd";
import { useTranslation } from "react-i18next";
import * as api from "../../api/commands";
import { useShowError } from "../../components/errors";
import { useWorkbench } from "../../state/workbench";

export type HistoryAction = "console" | "reproduce" | "export";

/** Which action is running, and on which calls, so only that button spins. */
export interface Running {
  action: HistoryAction;
  ids: number[];
}

export function useHistoryActions() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const { openConsoleWith, openReproWith } = useWorkbench();
  const [running, setRunning] = useState<Running | null>(null);

  const run = async (action: HistoryAction, ids: number[], work: () => Promise<boolean>): Promise<boolean> => {
    setRunning({ action, ids });
    try {
      return await work();
    } catch (raw) {
      showError(raw);
      return false;
    } finally {
      setRunning(null);
    }
  };

  /** True when the calls could be read; a list that came back empty is said so. */
  const bundle = async (ids: number[]) => {
    const calls = await api.historyBundle(ids);
    if (calls.length === 0) void message.warning(t("history.bundleEmpty"));
    return calls;
  };

  return {
    running,
    /** Is this action running on exactly these calls? */
    isRunning: (action: HistoryAction, ids: number[]) =>
      running !== null && running.action === action && running.ids.length === ids.length && running.ids.every((id, i) => id === ids[i]),
    openInConsole: (id: number) =>
      run("console", [id], async () => {
        openConsoleWith(await api.historyCallInput(id));
        return true;
      }),
    reproduce: (ids: number[]) =>
      run("reproduce", ids, async () => {
        const calls = await bundle(ids);
        if (calls.length === 0) return false;
        openReproWith(calls);
        return true;
      }),
    exportBundle: (ids: number[]) =>
      run("export", ids, async () => {
        const calls = await bundle(ids);
        if (calls.length === 0) return false;
        const saved = await api.reproExport({ calls });
        // No path: the save dialog was cancelled, which needs no message.
        if (saved.path === null) return false;
        void message.success(t("history.exported", { path: saved.path }));
        return true;
      }),
  };
}
