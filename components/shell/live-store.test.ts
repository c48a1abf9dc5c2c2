import { describe, expect, it, vi } from "vitest";
import { createLiveStore, FIRST_LIVE_STATE } from "./live-store";

describe("the live refresh store", () => {
  it("starts where the server rendered: refresh on, stream connecting", () => {
    const store = createLiveStore();
    expect(store.get()).toEqual({ paused: false, stream: "connecting" });
    expect(store.initial).toBe(FIRST_LIVE_STATE);
  });

  it("tells its readers of a change, once, and keeps the snapshot when nothing changed", () => {
    const store = createLiveStore();
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);
    const before = store.get();
    store.set({ paused: false, stream: "connecting" });
    expect(listener).not.toHaveBeenCalled();
    // useSyncExternalStore re-renders forever if an unchanged state gets a new snapshot object.
    expect(store.get()).toBe(before);
    store.set({ paused: false, stream: "live" });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(store.get()).toEqual({ paused: false, stream: "live" });
    store.set({ paused: true, stream: "live" });
    expect(listener).toHaveBeenCalledTimes(2);
    unsubscribe();
    store.set({ paused: true, stream: "down" });
    expect(listener).toHaveBeenCalledTimes(2);
    // The server snapshot stays what the server rendered, whatever happened since.
    expect(store.initial).toEqual({ paused: false, stream: "connecting" });
  });
});
