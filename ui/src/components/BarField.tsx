/**
 * The start bars of the relay and the receiver: labelled fields side by side, wrapping onto a second
 * line in a narrow window, and the profile choice each offers (a profile without a stored AppSecret
 * says so in its label).
 */
import { Typography } from "antd";
import type { ProfileView } from "../api/bindings/ProfileView";
import type { UiLanguage } from "../api/bindings/UiLanguage";
import { pick } from "../i18n/pick";

/** The fields side by side, wrapping onto a second line in a narrow window. */
export const BAR_STYLE: React.CSSProperties = { display: "flex", flexWrap: "wrap", gap: 12, alignItems: "flex-end" };

/** One labelled field of a bar. */
export function BarField({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div style={{ display: "flex", flexDirection: "column", gap: 4 }}>
      <Typography.Text type="secondary">{label}</Typography.Text>
      {children}
    </div>
  );
}

/** The profiles as select options (value = the id as text); `noSecret` words one without an AppSecret. */
export function profileOptions(profiles: ProfileView[], language: UiLanguage, noSecret: (name: string) => string): { value: string; label: string }[] {
  return profiles.map((p) => ({
    value: String(p.id),
    label: p.secret_stored ? pick(p.label, language) : noSecret(pick(p.label, language)),
  }));
}
