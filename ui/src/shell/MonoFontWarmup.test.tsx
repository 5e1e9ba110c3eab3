import { act, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MonoFontWarmup, WARMUP_DELAY_MS } from "./MonoFontWarmup";

describe("the code font warm-up", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("draws nothing on the first screen, then a hidden line in the code font that holds no page text", () => {
    render(<MonoFontWarmup />);
    expect(screen.queryByTestId("mono-font-warmup")).toBeNull();
    act(() => vi.advanceTimersByTime(WARMUP_DELAY_MS));
    const line = screen.getByTestId("mono-font-warmup");
    expect(line).toHaveAttribute("aria-hidden", "true");
    expect(line).toHaveClass("mono");
    expect(line.textContent).toBe("");
  });

  it("leaves nothing behind when the window goes before it is due", () => {
    const { unmount } = render(<MonoFontWarmup />);
    unmount();
    expect(vi.getTimerCount()).toBe(0);
  });
});
