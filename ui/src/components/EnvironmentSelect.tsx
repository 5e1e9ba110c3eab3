/**
 * Picking where calls go: the built-in environments by name, or — typed into the same box — a provider
 * router (`router:CODE`, `router-test:CODE`) or any http(s) URL. The core checks what was typed.
 */
import { useState } from "react";
import { Select, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useWorkbench } from "../state/workbench";
import { environmentLabel } from "./environments";

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

  const options: { value: string; label: React.ReactNode; search: string }[] = environments.map((env) => ({
    value: env.id,
    label: environmentLabel(env, language),
    search: `${env.id} ${env.label.zh} ${env.label.en}`.toLowerCase(),
  }));
  const known = new Set(options.map((option) => option.value));
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
      options={options}
      popupMatchSelectWidth={false}
      notFoundContent={t("environment.typeHint")}
    />
  );
}
