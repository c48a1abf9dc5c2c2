/**
 * The page's live-refresh state (paused by the user; the change stream connecting, live or down),
 * kept outside React state on purpose. Widgets read it with useSyncExternalStore, so a change
 * re-renders only the widgets already on screen. Carried in a context value instead, the first
 * "live" (which often comes before the page's slower Suspense segments have streamed in) would
 * reach boundaries React has not hydrated yet; React then renders those on the client and the
 * server's segment, arriving later, stays in the DOM as a hidden second copy of the widget.
 */

export type StreamState = "connecting" | "live" | "down";
export type LiveState = { readonly paused: boolean; readonly stream: StreamState };

export type LiveStore = {
  get: () => LiveState;
  subscribe: (listener: () => void) => () => void;
  setPaused: (paused: boolean) => void;
  setStream: (stream: StreamState) => void;
};

/** What the server renders and what hydration starts from: not paused, the stream not open yet. */
export const INITIAL_LIVE_STATE: LiveState = { paused: false, stream: "connecting" };

export function createLiveStore(initial: LiveState = INITIAL_LIVE_STATE): LiveStore {
  let state = initial;
  const listeners = new Set<() => void>();
  const set = (next: LiveState) => {
    if (next.paused === state.paused && next.stream === state.stream) return;
    // A new object per change: useSyncExternalStore compares snapshots by identity.
    state = next;
    for (const listener of [...listeners]) listener();
  };
  return {
    get: () => state,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setPaused: (paused) => set({ ...state, paused }),
    setStream: (stream) => set({ ...state, stream }),
  };
}
