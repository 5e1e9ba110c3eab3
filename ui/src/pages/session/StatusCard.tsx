/**
 * Who is authorized for the profile and for how long: nick, user id, sub-account, and live countdowns
 * to the expiry of the access and refresh tokens, with refresh and clear. Tokens never reach the UI.
 */
import { useEffect, useState } from "react";
import { Button, Card, Descriptions, Popconfirm, Space, Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { SessionStatus } from "../../api/bindings/SessionStatus";
import { formatLeft } from "./sessionErrors";

interface Props {
  status: SessionStatus;
  busy: boolean;
  onRefresh: () => void;
  onClear: () => void;
}

/**
 * Seconds since `since` arrived, ticking once a second, for countdowns that move without asking the
 * core. A new status (after a refresh) starts again from zero.
 */
function useElapsed(since: SessionStatus): number {
  const [elapsed, setElapsed] = useState({ status: since, seconds: 0 });
  useEffect(() => {
    const start = Date.now();
    const timer = window.setInterval(() => setElapsed({ status: since, seconds: Math.floor((Date.now() - start) / 1000) }), 1000);
    return () => window.clearInterval(timer);
  }, [since]);
  return elapsed.status === since ? elapsed.seconds : 0;
}

export function StatusCard({ status, busy, onRefresh, onClear }: Props) {
  const { t } = useTranslation();
  const elapsed = useElapsed(status);
  const left = (seconds: number | null) =>
    seconds === null ? t("session.status.unknown") : formatLeft(seconds - elapsed, t);

  const tag = status.authorized ? (
    <Tag color="success">{t("session.status.authorized")}</Tag>
  ) : status.expired ? (
    <Tag color="warning">{t("session.status.expired")}</Tag>
  ) : (
    <Tag>{t("session.status.none")}</Tag>
  );

  return (
    <Card
      title={t("session.status.title")}
      extra={tag}
      data-testid="session-status"
      actions={
        status.source
          ? [
              <Button key="refresh" type="link" disabled={!status.can_refresh || busy} onClick={onRefresh}>
                {t("session.status.refresh")}
              </Button>,
              <Popconfirm key="clear" title={t("session.status.clearConfirm")} onConfirm={onClear}>
                <Button type="link" danger disabled={busy}>
                  {t("session.status.clear")}
                </Button>
              </Popconfirm>,
            ]
          : undefined
      }
    >
      {status.source ? (
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t("session.status.nick")}>
            <span data-testid="session-nick">{status.user_nick ?? t("session.status.unknown")}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t("session.status.userId")}>
            {status.user_id ?? status.open_uid ?? t("session.status.unknown")}
          </Descriptions.Item>
          {(status.sub_user_nick || status.sub_user_id) && (
            <Descriptions.Item label={t("session.status.subAccount")}>
              <Space>
                {status.sub_user_nick}
                {status.sub_user_id && <span>({status.sub_user_id})</span>}
              </Space>
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t("session.status.source")}>
            {t(`session.source.${status.source}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t("session.status.accessLeft")}>
            <span data-testid="access-left">{left(status.access_seconds_left)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t("session.status.refreshLeft")}>
            {status.can_refresh || status.refresh_seconds_left !== null
              ? left(status.refresh_seconds_left)
              : t("session.status.noRefresh")}
          </Descriptions.Item>
        </Descriptions>
      ) : (
        <span>{t("session.status.noneHelp")}</span>
      )}
    </Card>
  );
}
