/**
 * What the console says above its cards: the next onboarding step, a local gateway that had to move to
 * another port, and, in demo mode, what the demo is and the way to a real profile.
 */
import { memo } from "react";
import { Alert, Button } from "antd";
import { useTranslation } from "react-i18next";
import { useWorkbench } from "../../state/workbench";
import { NextStepStrip } from "./NextStepStrip";

/** `onFirstApi`: the console still shows the call the demo starts with (the demo text then says to send it). */
function ConsoleNoticesView({ onFirstApi }: { onFirstApi: boolean }) {
  const { t } = useTranslation();
  const { info, requestCreateProfile } = useWorkbench();
  return (
    <>
      <NextStepStrip />
      {info?.gateway_port_moved && info.gateway_url && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} data-testid="gateway-moved" message={t("console.gatewayMoved", { url: info.gateway_url })} />
      )}
      {info?.demo_mode && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="demo-alert"
          message={t("console.demoTitle")}
          description={onFirstApi ? t("console.demoBody") : t("console.demoBodyOther")}
          action={
            <Button type="primary" onClick={requestCreateProfile} data-testid="create-real-profile">
              {t("console.createRealProfile")}
            </Button>
          }
        />
      )}
    </>
  );
}

export const ConsoleNotices = memo(ConsoleNoticesView);
