/**
 * A live list fed by Tauri events, newest first, shared by the relay's traffic and the receiver's
 * requests. New items arrive as events; without a filter they are put on top of the list as they
 * come, with one the list is asked for again (the core filters, so the rule lives in one place).
 * Paused, the list stays as it is while items keep being recorded and counted; resuming loads what
 * came meanwhile.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import { useShowError } from "../errors";
import { blankToNull } from "../forms";

/** As many as the core keeps in memory. */
export const LIST_LIMIT = 2000;
const FILTER_DELAY_MS = 300;

/** The filter both live lists' commands take. */
export interface LiveQuery {
  text: string | null;
  only_failures: boolean;
  offset: number;
  limit: number;
}

/** Where a live list comes from: its event, its list command and its clear command. */
export interface LiveSource<T> {
  event: string;
  list: (query: LiveQuery) => Promise<{ items: T[] }>;
  clear: () => Promise<void>;
}

export interface LiveFeed<T> {
  items: T[];
  text: string;
  setText: (text: string) => void;
  onlyFailures: boolean;
  setOnlyFailures: (only: boolean) => void;
  paused: boolean;
  setPaused: (paused: boolean) => void;
  /** Items recorded while paused. */
  missed: number;
  clear: () => Promise<void>;
}

export function useLiveFeed<T extends { id: number }>(source: LiveSource<T>): LiveFeed<T> {
  const showError = useShowError();
  const { event, list, clear: clearAll } = source;
  const [items, setItems] = useState<T[]>([]);
  const [text, setText] = useState("");
  const [onlyFailures, setOnlyFailures] = useState(false);
  const [paused, setPausedState] = useState(false);
  const [missed, setMissed] = useState(0);
  // What the event handler reads: the filter and pause as they are now, and whether a load runs.
  const filter = useRef({ text: "", onlyFailures: false });
  const pausedNow = useRef(false);
  const loading = useRef(false);
  const stale = useRef(false);

  const load = useCallback(async () => {
    if (loading.current) {
      // Asked again while a load runs: load once more after it, so nothing recorded meanwhile is lost.
      stale.current = true;
      return;
    }
    loading.current = true;
    try {
      do {
        stale.current = false;
        const page = await list({
          text: blankToNull(filter.current.text),
          only_failures: filter.current.onlyFailures,
          offset: 0,
          limit: LIST_LIMIT,
        });
        setItems(page.items);
      } while (stale.current);
    } catch (raw) {
      showError(raw);
    } finally {
      loading.current = false;
    }
  }, [list, showError]);

  useEffect(() => {
    filter.current = { text, onlyFailures };
    const timer = setTimeout(() => void load(), text.trim() === "" ? 0 : FILTER_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, onlyFailures, load]);

  useEffect(() => {
    let live = true;
    let unlisten: UnlistenFn | null = null;
    listen<T[]>(event, ({ payload }) => {
      if (pausedNow.current) {
        setMissed((n) => n + payload.length);
      } else if (filter.current.text.trim() !== "" || filter.current.onlyFailures || loading.current) {
        void load();
      } else {
        setItems((shown) => {
          // An item the last load already brought (recorded just before it) is not listed twice.
          const listed = new Set(shown.map((item) => item.id));
          const fresh = payload.filter((item) => !listed.has(item.id)).reverse();
          return [...fresh, ...shown].slice(0, LIST_LIMIT);
        });
      }
    }).then(
      (stop) => {
        if (live) unlisten = stop;
        else stop();
      },
      showError,
    );
    return () => {
      live = false;
      unlisten?.();
    };
  }, [event, load, showError]);

  const setPaused = useCallback(
    (next: boolean) => {
      pausedNow.current = next;
      setPausedState(next);
      if (!next) {
        setMissed(0);
        void load();
      }
    },
    [load],
  );

  const clear = useCallback(async () => {
    try {
      await clearAll();
      setItems([]);
      setMissed(0);
    } catch (raw) {
      showError(raw);
    }
  }, [clearAll, showError]);

  return { items, text, setText, onlyFailures, setOnlyFailures, paused, setPaused, missed, clear };
}
