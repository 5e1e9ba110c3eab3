/** The receiver's verdict on a request in plain words: a tag for the list, a sentence for the detail. */
import { Tag } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { ReceiptVerdict } from "../../api/bindings/ReceiptVerdict";

export function ReceiptVerdictTag({ verdict }: { verdict: string }) {
  const { t } = useTranslation();
  return <Tag color={verdict === "accepted" ? "success" : "error"}>{t(`receiver.verdict.${verdict}`, { defaultValue: verdict })}</Tag>;
}

/** Why a request was refused, in one sentence (none for one that verified). */
export function refusalText(verdict: ReceiptVerdict, t: TFunction): string | null {
  switch (verdict.kind) {
    case "accepted":
      return null;
    case "bad_body":
      return t("receiver.why.bad_body", { problem: verdict.problem });
    case "body_too_large":
      return t("receiver.why.body_too_large", { limit: verdict.limit_bytes });
    case "missing_sign":
      return t("receiver.why.missing_sign");
    case "duplicate_parameter":
      return t("receiver.why.duplicate_parameter", { name: verdict.name });
    case "sign_mismatch":
      return t("receiver.why.sign_mismatch", { provided: verdict.provided, expected: verdict.expected });
    case "bad_timestamp": {
      const problem = verdict.problem;
      switch (problem.problem) {
        case "missing":
          return t("receiver.why.timestamp_missing");
        case "unparseable":
          return t("receiver.why.timestamp_unparseable", { value: problem.value });
        case "too_old":
          return t("receiver.why.timestamp_too_old", { minutes: problem.minutes, max: problem.max_minutes });
        case "in_future":
          return t("receiver.why.timestamp_in_future", { minutes: problem.minutes, max: problem.max_minutes });
      }
    }
  }
}
