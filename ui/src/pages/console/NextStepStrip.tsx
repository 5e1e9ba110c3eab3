/**
 * A one-line reminder above the console of the current profile's next onboarding step, with the way
 * to the guide. Hidden in demo mode (the first run is about one successful call, nothing else) and,
 * once closed, for the rest of the run.
 */
import { useEffect, useState } from "react";
import { Alert, Button, Space } from "antd";
import { useTranslation } from "react-i18next";
import * as api from "../../api/commands";
import type { ProfileNextStep } from "../../api/bindings/ProfileNextStep";
import { useWorkbench } from "../../state/workbench";
import { useText } from "../onboarding/shared";

/** sessionStorage lives exactly as long as the app's window: "closed for this run". */
const DISMISSED_KEY = "qimen.nextStepStrip.dismissed";

function wasDismissed(): boolean {
  try {
    return window.sessionStorage.getItem(DISMISSED_KEY) === "1";
  } catch {
    return false;
  }
}

export function NextStepStrip() {
  const { t } = useTranslation();
  const loc = useText();
  const wb = useWorkbench();
  const demo = wb.info?.demo_mode ?? true;
  const profileId = wb.currentProfile?.id;
  const [dismissed, setDismissed] = useState(wasDismissed);
  // The line loaded for a profile is shown only while that profile is the current one.
  const [loaded, setLoaded] = useState<{ profileId: number; line: ProfileNextStep | null } | null>(null);
  const line = loaded && loaded.profileId === profileId ? loaded.line : null;

  useEffect(() => {
    if (demo || dismissed || profileId === undefined) return;
    let live = true;
    api
      .onboardingOverview()
      .then((lines) => {
        if (live) setLoaded({ profileId, line: lines.find((entry) => entry.profile_id === profileId) ?? null });
      })
      // A reminder that cannot be loaded is simply not shown: the console must stay usable, and
      // the guide itself reports the failure where the user goes to look.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [demo, dismissed, profileId]);

  const next = line?.next;
  if (demo || dismissed || !line || !next) return null;

  const dismiss = () => {
    setDismissed(true);
    try {
      window.sessionStorage.setItem(DISMISSED_KEY, "1");
    } catch {
      // Without storage it stays closed until the console is opened again.
    }
  };

  return (
    <Alert
      type={next.waiting?.overdue ? "warning" : "info"}
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="next-step-strip"
      message={t("onboarding.nextStep.strip", { profile: line.profile_name, number: next.number, title: loc(next.title) })}
      description={next.waiting ? `${loc(next.waiting.text)}${next.waiting.overdue ? ` · ${t("onboarding.nextStep.overdue")}` : ""}` : undefined}
      action={
        <Space>
          <Button size="small" onClick={() => wb.navigate("onboarding")}>
            {t("onboarding.nextStep.open")}
          </Button>
          <Button size="small" type="text" onClick={dismiss}>
            {t("onboarding.nextStep.dismiss")}
          </Button>
        </Space>
      }
    />
  );
}
