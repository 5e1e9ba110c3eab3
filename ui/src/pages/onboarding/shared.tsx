/**
 * Small pieces every tab of the onboarding guide uses: a document text in the UI language, a document
 * link that opens in the system browser, and a failure shown where it happened.
 */
import { useCallback, useState } from "react";
import { Button, Drawer, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { ExportOutlined, FileTextOutlined } from "@ant-design/icons";
import type { Link } from "../../api/bindings/Link";
import type { Text } from "../../api/bindings/Text";
import type { Wait } from "../../api/bindings/Wait";
import type { SourceRef } from "../../api/bindings/SourceRef";
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

/** The three source documents the guide is built from. */
export type SourceDocument = "000" | "002" | "003";

const CHINESE_DIGITS: Record<string, string> = { 一: "1", 二: "2", 三: "3", 四: "4", 五: "5", 六: "6", 七: "7", 八: "8", 九: "9", 十: "10" };

/**
 * A part number as the documents write it ("六.1", "二（一）") in the UI language: Chinese keeps it,
 * English reads "6.1", "2(1)".
 */
export function sectionLabel(section: string, language: string): string {
  if (language.startsWith("zh")) return section;
  return section
    .replace(/[一二三四五六七八九十]/g, (c) => CHINESE_DIGITS[c] ?? c)
    .replace(/（/g, "(")
    .replace(/）/g, ")");
}

/**
 * The small "来源 / Source" link after a guide item: it opens the document's own passage in a drawer,
 * so the guide can speak plainly and the original stays one click away.
 */
export function SourceLink({ document, source }: { document: SourceDocument; source: SourceRef | null | undefined }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  if (!source) return null;
  const part = source.section ? sectionLabel(source.section, i18n.language) : null;
  return (
    <>
      <Button type="link" size="small" icon={<FileTextOutlined />} className="source-link" onClick={() => setOpen(true)}>
        {t("onboarding.source.link")}
      </Button>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        title={t(`onboarding.source.document.${document}`)}
        width={520}
        destroyOnHidden
      >
        {part && <Typography.Text type="secondary">{t("onboarding.source.part", { part })}</Typography.Text>}
        <Typography.Paragraph>
          <blockquote lang="zh-CN" data-testid="source-passage" style={{ whiteSpace: "pre-wrap", margin: "8px 0", paddingLeft: 12, borderLeft: "3px solid #d9d9d9" }}>
            {source.quote}
          </blockquote>
        </Typography.Paragraph>
        <Typography.Text type="secondary">{t("onboarding.source.note")}</Typography.Text>
      </Drawer>
    </>
  );
}
