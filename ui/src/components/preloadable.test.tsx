import { lazy, Suspense } from "react";
import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { preloadable } from "./preloadable";

function Greeting({ name }: { name: string }) {
  return <p>hello {name}</p>;
}

const inSuspense = (node: React.ReactNode) => render(<Suspense fallback={<p>waiting</p>}>{node}</Suspense>);

describe("preloadable", () => {
  it("draws in the first render once preloaded, without the fallback", async () => {
    const { Component, preload } = preloadable(() => Promise.resolve(Greeting));
    await preload();
    inSuspense(<Component name="console" />);
    expect(screen.getByText("hello console")).toBeInTheDocument();
    expect(screen.queryByText("waiting")).toBeNull();
  });

  it("is needed: React.lazy alone suspends on a first render even when the import has finished", async () => {
    const finished = Promise.resolve({ default: Greeting });
    await finished;
    const Plain = lazy(() => finished);
    inSuspense(<Plain name="console" />);
    expect(screen.getByText("waiting")).toBeInTheDocument();
  });

  it("shows the fallback until the import finishes when nothing preloaded it", async () => {
    let finish: (component: typeof Greeting) => void = () => undefined;
    const { Component } = preloadable(() => new Promise<typeof Greeting>((resolve) => (finish = resolve)));
    inSuspense(<Component name="history" />);
    expect(screen.getByText("waiting")).toBeInTheDocument();
    finish(Greeting);
    expect(await screen.findByText("hello history", {}, { timeout: 2000 })).toBeInTheDocument();
  });

  it("imports once however often it is preloaded", async () => {
    let imports = 0;
    const { preload } = preloadable(() => {
      imports += 1;
      return Promise.resolve(Greeting);
    });
    await Promise.all([preload(), preload()]);
    await preload();
    expect(imports).toBe(1);
  });

  it("tries a failed import again", async () => {
    let attempts = 0;
    const { preload } = preloadable(() => {
      attempts += 1;
      return attempts === 1 ? Promise.reject(new Error("chunk missing")) : Promise.resolve(Greeting);
    });
    await expect(preload()).rejects.toThrow("chunk missing");
    await preload();
    expect(attempts).toBe(2);
  });
});
