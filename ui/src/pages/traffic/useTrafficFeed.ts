/**
 * The live list of the relay's exchanges, newest first. New exchanges arrive as events; without a
 * filter they are put on top of the list as they come, with one the list is asked for again (the core
 * filters, so the rule lives in one place). Paused, the list stays as it is while exchanges keep being
 * recorded and counted; resuming loads what came meanwhile.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import * as api from "../../api/commands";
import type { ExchangeSummary } from "../../api/bindings/ExchangeSummary";
import { useShowError } from "../../components/errors";
import { blankToNull } from "../../components/forms";
import { EXCHANGE_EVENT } from "./events";

/** As many as the core keeps in memory. */
export const LIST_LIMIT = 2000;
const FILTER_DELAY_MS = 300;

export interface TrafficFeed {
  items: ExchangeSummary[];
  text: string;
  setText: (text: string) => void;
  onlyFailures: boolean;
  setOnlyFailures: (only: boolean) => void;
  paused: boolean;
  setPaused: (paused: boolean) => void;
  /** Exchanges recorded while paused. */
  missed: number;
  clear: () => Promise<void>;
}

export function useTrafficFeed(): TrafficFeed {
  const showError = useShowError();
  const [items, setItems] = useState<ExchangeSummary[]>([]);
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
        const page = await api.trafficList({
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
  }, [showError]);

  useEffect(() => {
    filter.current = { text, onlyFailures };
    const timer = setTimeout(() => void load(), text.trim() === "" ? 0 : FILTER_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, onlyFailures, load]);

  useEffect(() => {
    let live = true;
    let unlisten: UnlistenFn | null = null;
    listen<ExchangeSummary[]>(EXCHANGE_EVENT, ({ payload }) => {
      if (pausedNow.current) {
        setMissed((n) => n + payload.length);
      } else if (filter.current.text.trim() !== "" || filter.current.onlyFailures || loading.current) {
        void load();
      } else {
        setItems((shown) => {
          // An exchange the last load already brought (recorded just before it) is not listed twice.
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
  }, [load, showError]);

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
      await api.trafficClear();
      setItems([]);
      setMissed(0);
    } catch (raw) {
      showError(raw);
    }
  }, [showError]);

  return { items, text, setText, onlyFailures, setOnlyFailures, paused, setPaused, missed, clear };
}
