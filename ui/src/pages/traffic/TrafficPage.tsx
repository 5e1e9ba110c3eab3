/**
 * 联调抓包 / Traffic: the workbench between a customer's system and the platform. Start the relay, give
 * the customer's system its router addresses instead of the platform's, and watch every request pass:
 * its sign checked with the chosen profile's AppSecret, forwarded unchanged, its answer explained.
 */
import { useEffect, useState } from "react";
import { Card, Typography } from "antd";
import { useTranslation } from "react-i18next";
import * as api from "../../api/commands";
import type { TrafficStatus } from "../../api/bindings/TrafficStatus";
import { useShowError } from "../../components/errors";
import { ExchangeDrawer } from "./ExchangeDrawer";
import { LiveList } from "./LiveList";
import { RelayAddresses } from "./RelayAddresses";
import { StartBar } from "./StartBar";
import { useTrafficFeed } from "./useTrafficFeed";

export function TrafficPage() {
  const { t } = useTranslation();
  const showError = useShowError();
  const [status, setStatus] = useState<TrafficStatus | null>(null);
  const [openId, setOpenId] = useState<number | null>(null);
  const feed = useTrafficFeed();

  useEffect(() => {
    let live = true;
    api.trafficStatus().then((next) => live && setStatus(next), showError);
    return () => {
      live = false;
    };
  }, [showError]);

  return (
    <div className="page">
      <Card title={t("traffic.relayTitle")} style={{ marginBottom: 16 }}>
        {!status?.running && <Typography.Paragraph type="secondary">{t("traffic.relayHelp")}</Typography.Paragraph>}
        <StartBar status={status} onStatus={setStatus} />
        {status?.running && (
          <div style={{ marginTop: 16 }}>
            <RelayAddresses status={status} />
          </div>
        )}
      </Card>
      <Card title={t("traffic.listTitle", { n: feed.items.length })}>
        <LiveList feed={feed} onOpen={setOpenId} />
      </Card>
      <ExchangeDrawer id={openId} onClose={() => setOpenId(null)} />
    </div>
  );
}
