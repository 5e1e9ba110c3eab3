/**
 * React.lazy for code that is usually loaded ahead of its first use (the result view, CodeMirror).
 * React.lazy alone suspends on a component's first render even when its import has long finished,
 * and React then shows the content no sooner than 0.3 s after the fallback (its fallback throttle):
 * the first result of a run took half a second to appear. Once `preload` has finished, this component
 * draws in the same render.
 */
import { lazy, type ComponentType } from "react";

export interface Preloadable<P> {
  Component: ComponentType<P>;
  /** Starts the import (once); resolves when the component can draw without suspending. */
  preload: () => Promise<unknown>;
}

export function preloadable<P extends object>(load: () => Promise<ComponentType<P>>): Preloadable<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  const preload = () => {
    // A failed import is tried again at the next use rather than remembered.
    loading ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        loading = null;
        throw error;
      },
    );
    return loading;
  };
  const Component = lazy(() => {
    if (loaded) {
      const module = { default: loaded };
      // React.lazy reads the module through `then`: called back at once, it does not suspend.
      const ready = { then: (resolve: (value: typeof module) => void) => resolve(module) };
      return ready as unknown as Promise<typeof module>;
    }
    return preload().then((component) => ({ default: component }));
  });
  return { Component, preload };
}
