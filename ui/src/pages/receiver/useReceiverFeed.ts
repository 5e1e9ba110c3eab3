/** The live list of the requests the receiver answered, newest first: the shared live feed on its event and commands. */
import * as api from "../../api/commands";
import type { ReceiptSummary } from "../../api/bindings/ReceiptSummary";
import { useLiveFeed, type LiveFeed, type LiveSource } from "../../components/live/useLiveFeed";
import { RECEIPT_EVENT } from "./events";

export type ReceiverFeed = LiveFeed<ReceiptSummary>;

// Module-level, so the feed's callbacks keep their identity between renders.
const SOURCE: LiveSource<ReceiptSummary> = { event: RECEIPT_EVENT, list: api.receiverList, clear: api.receiverClear };

export function useReceiverFeed(): ReceiverFeed {
  return useLiveFeed(SOURCE);
}
