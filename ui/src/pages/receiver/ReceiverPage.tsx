/**
 * 服务端接收 / Provider receiver: for a WMS / POS / ERP developer implementing the 服务地址 Qimen calls.
 * Start the receiver with the receiving app's profile, and see what Qimen sends: each request verified
 * as SpiUtils does, answered from the templates picked per API, listed live with the diagnosis of a
 * refused one. Registered on the local gateway, a call from the console reaches it — the whole round
 * trip (console → gateway → receiver → answer → console) on one machine.
 */
import { useEffect, useState } from "react";
import { Card, Typography } from "antd";
import { useTranslation } from "react-i18next";
import * as api from "../../api/commands";
import type { ReceiverStatus } from "../../api/bindings/ReceiverStatus";
import { useShowError } from "../../components/errors";
import { LiveList } from "./LiveList";
import { ReceiptDrawer } from "./ReceiptDrawer";
import { RouteCard } from "./RouteCard";
import { StartBar } from "./StartBar";
import { TemplatesCard } from "./TemplatesCard";
import { useReceiverFeed } from "./useReceiverFeed";

export function ReceiverPage() {
  const { t } = useTranslation();
  const showError = useShowError();
  const [status, setStatus] = useState<ReceiverStatus | null>(null);
  const [openId, setOpenId] = useState<number | null>(null);
  const feed = useReceiverFeed();

  useEffect(() => {
    let live = true;
    api.receiverStatus().then((next) => live && setStatus(next), showError);
    return () => {
      live = false;
    };
  }, [showError]);

  return (
    <div className="page">
      <Card title={t("receiver.title")} style={{ marginBottom: 16 }}>
        {!status?.running && <Typography.Paragraph type="secondary">{t("receiver.help")}</Typography.Paragraph>}
        <StartBar status={status} onStatus={setStatus} />
      </Card>
      <RouteCard status={status} onStatus={setStatus} />
      <Card title={t("receiver.listTitle", { n: feed.items.length })} style={{ marginBottom: 16 }} data-testid="receiver-list-card">
        <LiveList feed={feed} onOpen={setOpenId} />
      </Card>
      <TemplatesCard status={status} onStatus={setStatus} />
      <ReceiptDrawer id={openId} onClose={() => setOpenId(null)} />
    </div>
  );
}
