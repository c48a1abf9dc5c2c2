import type { StreamState } from "./live-stream";

export type LiveState = { readonly paused: boolean; readonly stream: StreamState };

/** What the server renders and every page hydrates with: refresh on, the stream still connecting. */
export const FIRST_LIVE_STATE: LiveState = { paused: false, stream: "connecting" };

export type LiveStore = {
  readonly initial: LiveState;
  get: () => LiveState;
  set: (next: LiveState) => void;
  subscribe: (listener: () => void) => () => void;
};

/**
 * Refresh and stream state outside React context. A context value that changes while the page
 * hydrates (the stream's "hello" arrives within a few hundred ms) reaches every Suspense boundary
 * still waiting for its streamed HTML, and React then throws that server HTML away and renders
 * the boundary in the browser — more work before the page settles, and for a moment the streamed
 * copy and the browser's copy of a card both stand in the DOM. A store read with
 * useSyncExternalStore updates only the components that read it.
 */
export function createLiveStore(initial: LiveState = FIRST_LIVE_STATE): LiveStore {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    initial,
    get: () => state,
    set(next) {
      if (next.paused === state.paused && next.stream === state.stream) return;
      state = next;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
