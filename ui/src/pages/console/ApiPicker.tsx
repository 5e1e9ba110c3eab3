/**
 * Choosing an API from the catalogue: search by method name or title (either language), grouped by
 * family and scenario so a WMS developer sees the WMS APIs together.
 */
import { useMemo } from "react";
import { Select, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { ApiDoc } from "../../api/bindings/ApiDoc";
import { useWorkbench } from "../../state/workbench";
import { pick } from "../../i18n/pick";
import type { UiLanguage } from "../../api/bindings/UiLanguage";

export function apiTitle(doc: ApiDoc, language: UiLanguage): string {
  return pick(doc.title, language);
}

export function apiDescription(doc: ApiDoc, language: UiLanguage): string {
  return pick(doc.description, language);
}

/**
 * The group an API is listed under: its family, with the 旺店通 custom APIs (those carrying a wdt_sign)
 * apart from the other Qimen cloud APIs, and the APIs the local gateway answers marked as such.
 */
function groupLabel(doc: ApiDoc, t: (key: string) => string): string {
  const family = doc.wdt_sign ? t("family.wdt") : t(`family.${doc.family}`);
  return doc.served_locally ? family : `${family} · ${t("console.notLocal")}`;
}

/** The picker's options: the catalogue grouped by `groupLabel`, each API by its title and method name. */
function apiOptions(catalogue: ApiDoc[], language: UiLanguage, t: (key: string) => string) {
  const groups = new Map<string, ApiDoc[]>();
  for (const doc of catalogue) {
    const label = groupLabel(doc, t);
    const list = groups.get(label) ?? [];
    list.push(doc);
    groups.set(label, list);
  }
  return [...groups.entries()].map(([label, docs]) => ({
    label,
    title: label,
    options: docs.map((doc) => ({
      value: doc.name,
      // Searched text: the method name and both titles, so either language finds it.
      search: [doc.name, ...doc.aliases, doc.title.zh, doc.title.en].join(" ").toLowerCase(),
      label: (
        <Space size={8} style={{ maxWidth: "100%" }}>
          <Typography.Text strong ellipsis>
            {apiTitle(doc, language)}
          </Typography.Text>
          <Typography.Text type="secondary" className="mono" ellipsis>
            {doc.name}
          </Typography.Text>
          {doc.needs_session && <Tag color="blue">{t("console.needsSession")}</Tag>}
        </Space>
      ),
    })),
  }));
}

function filterApi(input: string, option: unknown): boolean {
  const search = (option as { search?: string } | undefined)?.search;
  return search ? search.includes(input.trim().toLowerCase()) : false;
}

export function ApiPicker({ value, onChange }: { value: string | undefined; onChange: (name: string) => void }) {
  const { t } = useTranslation();
  const { catalogue, language } = useWorkbench();
  // Built once per catalogue and language, not on every redraw of the console around it.
  const options = useMemo(() => apiOptions(catalogue, language, t), [catalogue, language, t]);

  return (
    <Select
      showSearch
      aria-label={t("console.api")}
      data-testid="api-picker"
      style={{ width: "100%" }}
      placeholder={t("console.apiPlaceholder")}
      value={value}
      onChange={onChange}
      options={options}
      optionFilterProp="search"
      filterOption={filterApi}
      listHeight={360}
      notFoundContent={t("console.noApiFound")}
    />
  );
}
