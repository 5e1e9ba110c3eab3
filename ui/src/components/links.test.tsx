import type { ReactNode } from "react";
import { describe, expect, it } from "vitest";
import { act, renderHook, screen, waitFor } from "@testing-library/react";
import { App as AntApp } from "antd";
import { installBackend, reject } from "../test/backend";
import { useOpenExternal } from "./links";

const URL = "https://open.taobao.com/doc.htm";

function withAntApp({ children }: { children: ReactNode }) {
  return <AntApp>{children}</AntApp>;
}

describe("openExternal", () => {
  it("hands the address to the system browser", async () => {
    const calls = installBackend({ "link_open": () => null });
    const { result } = renderHook(() => useOpenExternal(), { wrapper: withAntApp });
    act(() => result.current(URL));
    await waitFor(() => expect(calls).toEqual([{ command: "link_open", args: { url: URL } }]));
  });

  it("says so in the error toast when the browser cannot be opened", async () => {
    installBackend({ "link_open": () => reject("opener.failed", "无法打开浏览器") });
    const { result } = renderHook(() => useOpenExternal(), { wrapper: withAntApp });
    act(() => result.current(URL));
    expect(await screen.findByText("无法打开浏览器")).toBeInTheDocument();
  });
});
