/**
 * The look of the app in one place: a calm, restrained palette and a CJK-first font stack, so every
 * antd component agrees without per-component styling.
 */
import type { ThemeConfig } from "antd";

export const fontFamily = [
  "-apple-system",
  "BlinkMacSystemFont",
  '"PingFang SC"',
  '"Microsoft YaHei"',
  '"Noto Sans CJK SC"',
  '"Source Han Sans SC"',
  '"Segoe UI"',
  "Roboto",
  '"Helvetica Neue"',
  "Arial",
  "sans-serif",
].join(", ");

export const monoFamily = [
  '"JetBrains Mono"',
  '"SFMono-Regular"',
  "Menlo",
  "Consolas",
  '"Noto Sans Mono CJK SC"',
  '"DejaVu Sans Mono"',
  "monospace",
].join(", ");

export const theme: ThemeConfig = {
  token: {
    colorPrimary: "#3d6fb6",
    colorSuccess: "#3f9a5b",
    colorError: "#c9473d",
    colorWarning: "#c98a1b",
    colorInfo: "#3d6fb6",
    colorBgLayout: "#f4f6f9",
    borderRadius: 6,
    fontFamily,
    fontFamilyCode: monoFamily,
    fontSize: 14,
  },
  components: {
    Layout: {
      siderBg: "#1f2a3a",
      headerBg: "#ffffff",
      headerHeight: 56,
      headerPadding: "0 24px",
    },
    Menu: {
      darkItemBg: "#1f2a3a",
      darkSubMenuItemBg: "#1a2331",
      darkItemSelectedBg: "#3d6fb6",
    },
    Card: {
      paddingLG: 20,
    },
    Table: {
      headerBg: "#f7f8fa",
    },
  },
};
