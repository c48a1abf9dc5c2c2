"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";

/** Params to set (a value) or remove (null or empty); any param not named is kept where it is. */
export type SearchPatch = Record<string, string | null>;

/** `pathname` with the current search (`current`) patched, then `hash`; no dangling "?" when nothing is left. */
export function urlWith(pathname: string, current: string, patch: SearchPatch, hash = ""): string {
  const next = new URLSearchParams(current);
  for (const [key, value] of Object.entries(patch)) {
    if (value) next.set(key, value);
    else next.delete(key);
  }
  const search = next.toString();
  return `${pathname}${search ? `?${search}` : ""}${hash}`;
}

/**
 * URL state written in place (router.replace: a filter is not a new history entry): the page's
 * URL with the patch applied. `scroll: false` keeps the reader where they are on the page.
 */
export function useReplaceSearch(): (patch: SearchPatch, options?: { hash?: string; scroll?: boolean }) => void {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  return (patch, { hash = "", scroll = true } = {}) =>
    router.replace(urlWith(pathname, params.toString(), patch, hash), { scroll });
}
