/**
 * The live list of the relay's exchanges, newest first: the shared live feed on the relay's event and
 * commands.
 */
import * as api from "../../api/commands";
import type { ExchangeSummary } from "../../api/bindings/ExchangeSummary";
import { useLiveFeed, type LiveFeed, type LiveSource } from "../../components/live/useLiveFeed";
import { EXCHANGE_EVENT } from "./events";

export type TrafficFeed = LiveFeed<ExchangeSummary>;

// Module-level, so the feed's callbacks keep their identity between renders.
const SOURCE: LiveSource<ExchangeSummary> = { event: EXCHANGE_EVENT, list: api.trafficList, clear: api.trafficClear };

export function useTrafficFeed(): TrafficFeed {
  return useLiveFeed(SOURCE);
}
