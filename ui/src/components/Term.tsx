/**
 * A technical word with its plain explanation one hover away. Merchant staff meet AppKey, session,
 * customerId and 签名 here for the first time; every such label in the app is a Term.
 */
import { memo } from "react";
import { Tooltip } from "antd";
import { QuestionCircleOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";

export const TERMS = [
  "appKey",
  "appSecret",
  "session",
  "customerId",
  "targetAppKey",
  "signMethod",
  "sign",
  "wdtSign",
  "wdtSid",
  "wdtAppKey",
  "wdtSecret",
  "callbackUrl",
  "role",
  "scenario",
  "environment",
  "format",
  "flag",
  "code",
  "subCode",
  "extendProps",
  "mrd",
  "prd",
  "digest",
] as const;
export type TermName = (typeof TERMS)[number];

function TermView({ name, label }: { name: TermName; label?: string }) {
  const { t } = useTranslation();
  return (
    <span className="term">
      {label ?? t(`terms.${name}.label`)}
      <Tooltip title={t(`terms.${name}.help`)}>
        <QuestionCircleOutlined className="term-icon" aria-label={t("common.whatIsThis")} />
      </Tooltip>
    </span>
  );
}

/** Drawn again only for another word or label (or language): a page redrawing around it skips its tooltip. */
export const Term = memo(TermView);
