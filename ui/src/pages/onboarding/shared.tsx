/**
 * Small pieces every tab of the onboarding guide uses: a document text in the UI language, a document
 * link that opens in the system browser, and a failure shown where it happened.
 */
import { useCallback } from "react";
import { Button } from "antd";
import { useTranslation } from "react-i18next";
import { ExportOutlined } from "@ant-design/icons";
import type { Link } from "../../api/bindings/Link";
import type { Text } from "../../api/bindings/Text";
import type { Wait } from "../../api/bindings/Wait";
import { useWorkbench } from "../../state/workbench";
import { pick } from "../../i18n/pick";
import { useOpenExternal } from "../../components/links";

/** The text in the UI language (the Chinese is the document's own words); empty when there is none. */
export function useText(): (text: Text | null | undefined) => string {
  const { language } = useWorkbench();
  return useCallback((text: Text | null | undefined) => (text ? pick(text, language) : ""), [language]);
}

export function DocLink({ link }: { link: Link }) {
  const openExternal = useOpenExternal();
  const loc = useText();
  return (
    <Button
      type="link"
      size="small"
      icon={<ExportOutlined />}
      title={link.url}
      onClick={() => openExternal(link.url)}
    >
      {loc(link.label)}
    </Button>
  );
}

export function DocLinks({ links }: { links: Link[] }) {
  return (
    <>
      {links.map((link) => (
        <DocLink key={link.url + link.label.zh} link={link} />
      ))}
    </>
  );
}

/** "5–7 working days" from a stated wait. */
export function useWaitText(): (wait: Wait) => string {
  const { t } = useTranslation();
  return useCallback(
    (wait: Wait) =>
      wait.kind === "instant"
        ? t("onboarding.wait.instant")
        : t(wait.unit === "working_days" ? "onboarding.wait.workingDays" : "onboarding.wait.days", { min: wait.min, max: wait.max }),
    [t],
  );
}
