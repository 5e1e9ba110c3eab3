import "@testing-library/jest-dom/vitest";
import { afterEach, vi } from "vitest";
import { cleanup, configure } from "@testing-library/react";
import { clearMocks } from "@tauri-apps/api/mocks";

// A whole app rendered in jsdom on a busy two-core machine can take more than the default second to
// settle (the first test of a file also loads antd); waits give up after five.
configure({ asyncUtilTimeout: 5000 });

// jsdom lacks these browser APIs that antd and CodeMirror use.
Object.defineProperty(window, "matchMedia", {
  writable: true,
  value: (query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: vi.fn(),
    removeListener: vi.fn(),
    addEventListener: vi.fn(),
    removeEventListener: vi.fn(),
    dispatchEvent: vi.fn(),
  }),
});

class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
window.ResizeObserver = ResizeObserverStub;

if (!document.createRange().getClientRects) {
  Range.prototype.getClientRects = () => ({ length: 0, item: () => null, [Symbol.iterator]: [][Symbol.iterator] }) as unknown as DOMRectList;
}
Range.prototype.getBoundingClientRect = () => new DOMRect(0, 0, 0, 0);

// jsdom computes no styles for pseudo-elements and logs "Not implemented" each time antd asks for
// them while measuring scroll bars; the element's own style answers instead.
const computedStyle = window.getComputedStyle.bind(window);
window.getComputedStyle = (element: Element) => computedStyle(element);

afterEach(() => {
  cleanup();
  clearMocks();
});
