import { describe, expect, it } from "vitest";
import { IpcFailure } from "../api/ipc";
import { errorText } from "./errors";

describe("errorText", () => {
  it("shows the core's message as it wrote it", () => {
    const failure = new IpcFailure({ code: "secret.missing.app_secret", message: "配置还没有保存 AppSecret" });
    expect(errorText(failure)).toBe("配置还没有保存 AppSecret");
    // An IpcError not yet wrapped reads the same.
    expect(errorText({ code: "validation.call.method", message: "请填写 API 名称" })).toBe("请填写 API 名称");
  });

  it("shows any other Error by its message and a ready text as it is", () => {
    expect(errorText(new Error("clipboard refused"))).toBe("clipboard refused");
    expect(errorText("复制失败")).toBe("复制失败");
  });
});
