/**
 * The event the shell emits the receiver's new requests on: a batch of summaries, at most every
 * 100 ms. Typed by the generated `ReceiverEvent`, so a renamed event in Rust fails the UI's build.
 */
import type { ReceiverEvent } from "../../api/bindings/ReceiverEvent";

export const RECEIPT_EVENT: ReceiverEvent = "receiver://receipt";
