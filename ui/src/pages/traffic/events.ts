/**
 * The event the shell emits the relay's new exchanges on: a batch of summaries, at most every 100 ms.
 * Typed by the generated `TrafficEvent`, so a renamed event in Rust fails the UI's build.
 */
import type { TrafficEvent } from "../../api/bindings/TrafficEvent";

export const EXCHANGE_EVENT: TrafficEvent = "traffic://exchange";
