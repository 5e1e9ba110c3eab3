/**
 * Shown when the system keeps no keyring (Linux without a Secret Service): says so in plain words and
 * offers to keep secrets in memory for this run only.
 */
import { useState } from "react";
import { Alert, App, Button } from "antd";
import { useTranslation } from "react-i18next";
import * as api from "../api/commands";
import { useWorkbench } from "../state/workbench";
import { useShowError } from "../components/errors";

export function KeyringBanner() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const { info, setInfo, loadError, reload } = useWorkbench();
  const [busy, setBusy] = useState(false);

  if (info?.secrets_in_memory) {
    return <Alert type="info" showIcon banner message={t("keyring.memoryActive")} data-testid="keyring-memory" />;
  }
  // Either the start-up probe found no usable keyring, or a command just failed on it.
  const problem = info?.keyring.state === "unavailable" ? info.keyring.problem : null;
  const keyringFailure = loadError?.is("keyring") ? loadError : null;
  if (!problem && !keyringFailure) return null;

  const keepInMemory = async () => {
    setBusy(true);
    try {
      setInfo(await api.secretsUseMemory());
      message.success(t("keyring.memoryEnabled"));
      // What failed on the keyring (the demo profile on first run) can work now.
      await reload();
    } catch (raw) {
      showError(raw);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Alert
      type="warning"
      showIcon
      banner
      data-testid="keyring-banner"
      message={t("keyring.unavailableTitle")}
      description={
        <>
          <div>{keyringFailure ? keyringFailure.message : t(`keyring.problem.${problem ?? "other"}`)}</div>
          <div>{t("keyring.unavailableBody")}</div>
        </>
      }
      action={
        <Button size="small" type="primary" loading={busy} onClick={() => void keepInMemory()}>
          {t("keyring.useMemory")}
        </Button>
      }
    />
  );
}
