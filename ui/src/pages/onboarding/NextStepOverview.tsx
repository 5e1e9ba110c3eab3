/**
 * The "下一步" card at the top of the tracker: every profile with where it stands and the one step to
 * do next (with its review clock while it waits), so someone with several apps sees them all at once
 * and can switch the tracker to any of them.
 */
import { useEffect, useState } from "react";
import { Alert, Button, Card, List, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import * as api from "../../api/commands";
import { toIpcFailure, type IpcFailure } from "../../api/ipc";
import type { NextStep } from "../../api/bindings/NextStep";
import type { ProfileNextStep } from "../../api/bindings/ProfileNextStep";
import { useProfileName, useWorkbench } from "../../state/workbench";
import { useText } from "./shared";
import { useShowError } from "../../components/errors";

/** The next step's title and, while it waits for review, the wait clock ("已等待 3 个工作日，预计 5–7 个工作日"). */
export function NextStepText({ next }: { next: NextStep }) {
  const { t } = useTranslation();
  const loc = useText();
  return (
    <Space wrap size={4}>
      <Typography.Text>{t("onboarding.nextStep.step", { number: next.number, title: loc(next.title) })}</Typography.Text>
      {next.waiting && (
        <Tag color={next.waiting.overdue ? "warning" : "processing"} data-testid="next-step-wait">
          {loc(next.waiting.text)}
          {next.waiting.overdue ? ` · ${t("onboarding.nextStep.overdue")}` : ""}
        </Tag>
      )}
    </Space>
  );
}

/** `refreshKey` changes whenever the tracker below saved a step, so the card follows it. */
export function NextStepOverview({ refreshKey }: { refreshKey: unknown }) {
  const { t } = useTranslation();
  const showError = useShowError();
  const wb = useWorkbench();
  const profileName = useProfileName();
  const currentId = wb.currentProfile?.id;
  const [lines, setLines] = useState<ProfileNextStep[] | null>(null);
  const [error, setError] = useState<IpcFailure | null>(null);
  const [switching, setSwitching] = useState<number | null>(null);

  // Asked again whenever the tracker below saved a step or the current profile changed.
  useEffect(() => {
    let live = true;
    api.onboardingOverview().then(
      (next) => {
        if (!live) return;
        setLines(next);
        setError(null);
      },
      (raw) => live && setError(toIpcFailure(raw)),
    );
    return () => {
      live = false;
    };
    // Asked again when the language changes: a failure's text comes from the core in the old language.
  }, [refreshKey, currentId, wb.language]);

  const switchTo = async (profileId: number) => {
    setSwitching(profileId);
    try {
      await wb.selectProfile(profileId);
    } catch (raw) {
      showError(raw);
    } finally {
      setSwitching(null);
    }
  };

  return (
    <Card size="small" data-testid="next-step-overview" title={t("onboarding.nextStep.title")}>
      {error ? (
        <Alert type="error" showIcon message={error.message} />
      ) : (
        <List<ProfileNextStep>
          size="small"
          loading={lines === null}
          dataSource={lines ?? []}
          locale={{ emptyText: t("onboarding.nextStep.empty") }}
          rowKey={(line) => line.profile_id}
          renderItem={(line) => {
            const isCurrent = line.profile_id === currentId;
            return (
              <List.Item
                data-testid={`next-step-${line.profile_id}`}
                actions={[
                  isCurrent ? (
                    <Tag key="current" color="blue">
                      {t("onboarding.nextStep.current")}
                    </Tag>
                  ) : (
                    <Button key="switch" size="small" loading={switching === line.profile_id} onClick={() => void switchTo(line.profile_id)}>
                      {t("onboarding.nextStep.switch")}
                    </Button>
                  ),
                ]}
              >
                <Space direction="vertical" size={0}>
                  <Space wrap size={4}>
                    <Typography.Text strong>{profileName(line.profile_id, line.profile_name)}</Typography.Text>
                    {line.is_demo && <Tag>{t("onboarding.nextStep.demo")}</Tag>}
                    <Typography.Text type="secondary">
                      {t("onboarding.nextStep.progress", { finished: line.finished, total: line.total })}
                    </Typography.Text>
                  </Space>
                  {line.next ? (
                    <NextStepText next={line.next} />
                  ) : (
                    <Typography.Text type="success">{t("onboarding.nextStep.allDone")}</Typography.Text>
                  )}
                </Space>
              </List.Item>
            );
          }}
        />
      )}
    </Card>
  );
}
