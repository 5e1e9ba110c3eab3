/**
 * The shell's event side for the live lists' tests: what a page listens to is recorded, `emit` hands
 * a payload to those listeners the way the Tauri bridge does, and the list command filters what was
 * emitted like the core does.
 */
import { act } from "@testing-library/react";
import type { Handler } from "./backend";

interface TauriInternals {
  runCallback: (id: number, data: unknown) => void;
}

interface ListQuery {
  text: string | null;
  only_failures: boolean;
}

/** `event`'s listeners, and `listCommand` over every item emitted (newest first), matched by `words`. */
export function eventBus<T extends { failed: boolean }>(event: string, listCommand: string, words: (item: T) => string) {
  const listeners: { event: string; handler: number }[] = [];
  // What the core has recorded: every item emitted.
  const recorded: T[] = [];
  const handlers: Record<string, Handler> = {
    [listCommand]: (args) => {
      const query = args.query as ListQuery;
      const text = (query.text ?? "").toLowerCase();
      const items = [...recorded]
        .reverse()
        .filter((item) => !query.only_failures || item.failed)
        .filter((item) => words(item).toLowerCase().includes(text));
      return { items, total: items.length, offset: 0, limit: 2000 };
    },
    "plugin:event|listen": (args) => {
      listeners.push({ event: String(args.event), handler: Number(args.handler) });
      return args.handler;
    },
    "plugin:event|unlisten": () => null,
  };
  const emit = (payload: T[]) => {
    recorded.push(...payload);
    const internals = (window as unknown as { __TAURI_INTERNALS__: TauriInternals }).__TAURI_INTERNALS__;
    act(() => {
      for (const listener of listeners.filter((l) => l.event === event)) {
        internals.runCallback(listener.handler, { event, id: listener.handler, payload });
      }
    });
  };
  const listening = () => listeners.some((l) => l.event === event);
  return { handlers, emit, listening };
}
