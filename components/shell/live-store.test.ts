import { describe, expect, it } from "vitest";
import { createLiveStore, INITIAL_LIVE_STATE } from "./live-store";

describe("live store", () => {
  it("starts as the server renders: not paused, connecting", () => {
    expect(createLiveStore().get()).toEqual(INITIAL_LIVE_STATE);
  });

  it("tells its subscribers of a change, with a new snapshot", () => {
    const store = createLiveStore();
    const before = store.get();
    let calls = 0;
    store.subscribe(() => calls++);
    store.setStream("live");
    expect(calls).toBe(1);
    expect(store.get()).not.toBe(before);
    expect(store.get()).toEqual({ paused: false, stream: "live" });
    store.setPaused(true);
    expect(store.get()).toEqual({ paused: true, stream: "live" });
    expect(calls).toBe(2);
  });

  it("keeps the same snapshot and stays quiet when nothing changed", () => {
    const store = createLiveStore();
    store.setStream("down");
    const snapshot = store.get();
    let calls = 0;
    store.subscribe(() => calls++);
    store.setStream("down");
    store.setPaused(false);
    expect(calls).toBe(0);
    expect(store.get()).toBe(snapshot);
  });

  it("an unsubscribed listener hears nothing more", () => {
    const store = createLiveStore();
    let calls = 0;
    const off = store.subscribe(() => calls++);
    off();
    store.setStream("live");
    expect(calls).toBe(0);
  });
});
