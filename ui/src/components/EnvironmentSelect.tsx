/**
 * Picking where calls go: the built-in environments by name, or — typed into the same box — a provider
 * router (`router:CODE`, `router-test:CODE`) or any http(s) URL. The core checks what was typed.
 */
import { useState } from "react";
import { Select, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useWorkbench } from "../state/workbench";
import { ENVIRONMENT_GROUPS, environmentGroup, environmentLabel } from "./environments";

/** Whether typed text names an environment the core can read (not a search for a built-in one). */
export function isCustomEnvironment(text: string): boolean {
  return /^(https?:\/\/\S+|router(-test)?:[a-z0-9]+)$/i.test(text.trim());
}

export interface EnvironmentSelectProps {
  value?: string;
  onChange?: (id: string) => void;
  ariaLabel: string;
  style?: React.CSSProperties;
  testId?: string;
}

export function EnvironmentSelect({ value, onChange, ariaLabel, style, testId }: EnvironmentSelectProps) {
  const { t } = useTranslation();
  const { environments, language } = useWorkbench();
  const [search, setSearch] = useState("");

  type Option = { value: string; label: React.ReactNode; search: string };
  // One line for the entries that are easy to mix up (the two joint-test routers above all).
  const hintOf = (id: string) => {
    const key = `environment.hint.${id.replace(/[^a-z0-9]/gi, "_")}`;
    const hint = t(key);
    return hint === key ? null : hint;
  };
  const grouped = new Map<string, Option[]>();
  for (const env of environments) {
    const hint = hintOf(env.id);
    const group = environmentGroup(env);
    grouped.set(group, [
      ...(grouped.get(group) ?? []),
      {
        value: env.id,
        label: hint ? (
          <span title={hint}>
            {environmentLabel(env, language)}
            <Typography.Text type="secondary" className="environment-hint" style={{ display: "block", fontSize: 12 }}>
              {hint}
            </Typography.Text>
          </span>
        ) : (
          environmentLabel(env, language)
        ),
        search: `${env.id} ${env.label.zh} ${env.label.en}`.toLowerCase(),
      },
    ]);
  }
  const groups = ENVIRONMENT_GROUPS.filter((g) => grouped.has(g)).map((g) => ({
    label: t(`environment.group.${g}`),
    title: t(`environment.group.${g}`),
    options: grouped.get(g) ?? [],
  }));
  const options: Option[] = [];
  const known = new Set(environments.map((env) => env.id));
  // A custom value saved earlier, and a custom value being typed, are offered as they are.
  for (const custom of [value, search.trim()]) {
    if (custom && !known.has(custom) && isCustomEnvironment(custom)) {
      known.add(custom);
      options.push({
        value: custom,
        label: (
          <span>
            {t("environment.custom")} <Typography.Text className="mono">{custom}</Typography.Text>
          </span>
        ),
        search: custom.toLowerCase(),
      });
    }
  }

  return (
    <Select
      showSearch
      aria-label={ariaLabel}
      data-testid={testId}
      style={style}
      value={value || undefined}
      onChange={(id: string) => {
        setSearch("");
        onChange?.(id);
      }}
      onSearch={setSearch}
      searchValue={search}
      filterOption={(input, option) => {
        const text = (option as { search?: string } | undefined)?.search ?? "";
        return isCustomEnvironment(input) || text.includes(input.trim().toLowerCase());
      }}
      options={[...groups, ...options]}
      popupMatchSelectWidth={false}
      notFoundContent={t("environment.typeHint")}
    />
  );
}
