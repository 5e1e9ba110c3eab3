/**
 * Small pieces every tab of the onboarding guide uses: a document text in the UI language, a document
 * link that opens in the system browser, and a failure shown where it happened.
 */
import { Button } from "antd";
import { ExportOutlined } from "@ant-design/icons";
import type { Link } from "../../api/bindings/Link";
import type { Localized } from "../../api/bindings/Localized";
import type { Wait } from "../../api/bindings/Wait";
import { useWorkbench } from "../../state/workbench";
import { useOpenExternal } from "../../components/links";

/** The text in the UI language (the Chinese is the document's own words). */
export function useLocalized() {
  const { language } = useWorkbench();
  return (text: Localized | null | undefined) => (text ? (language === "en-US" ? text.en : text.zh) : "");
}

export function DocLink({ link }: { link: Link }) {
  const openExternal = useOpenExternal();
  const loc = useLocalized();
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
export function useWaitText() {
  const { language } = useWorkbench();
  return (wait: Wait) => {
    if (wait.kind === "instant") return language === "en-US" ? "immediately" : "即时";
    const unit =
      wait.unit === "working_days" ? (language === "en-US" ? " working days" : "个工作日") : language === "en-US" ? " days" : "天";
    return `${wait.min}–${wait.max}${unit}`;
  };
}
