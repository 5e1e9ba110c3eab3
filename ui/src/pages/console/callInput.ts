/**
 * Turns what the console form holds into the contract's CallInput: documented parameters first in the
 * documentation's order (only those the user touched), then the free rows in the order typed. Blank
 * values the user typed are kept, so the Signature tab can show them dropped and why.
 */
import type { ApiDoc } from "../../api/bindings/ApiDoc";
import type { CallInput } from "../../api/bindings/CallInput";
import type { SignMethod } from "../../api/bindings/SignMethod";
import { blankToNull } from "../../components/forms";

export interface ConsoleDraft {
  profileId: number | null;
  environmentId: string;
  method: string;
  family: ApiDoc["family"] | null;
  signMethod: SignMethod;
  format: string | null;
  doc: ApiDoc | undefined;
  values: Record<string, string | undefined>;
  extra: { key?: string; value?: string }[];
  body: string | null;
  targetAppKey: string;
  customerId: string;
  useSession: boolean;
  wdtCompute: boolean;
}

export function buildCallInput(draft: ConsoleDraft): CallInput {
  const params: CallInput["params"] = [];
  for (const param of draft.doc?.params ?? []) {
    const value = draft.values[param.name];
    if (value !== undefined) params.push({ key: param.name, value });
  }
  for (const row of draft.extra) {
    const key = (row.key ?? "").trim();
    if (key !== "") params.push({ key, value: row.value ?? "" });
  }
  return {
    profile_id: draft.profileId,
    environment_id: draft.environmentId,
    method: draft.method,
    family: draft.family,
    sign_method: draft.signMethod,
    format: draft.format,
    params,
    body: draft.body,
    target_app_key: blankToNull(draft.targetAppKey),
    customer_id: blankToNull(draft.customerId),
    use_session: draft.useSession,
    wdt: { compute: draft.wdtCompute },
  };
}
