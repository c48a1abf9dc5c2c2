import type { Role } from "./roles";

/** What the config says about Google- and IAP-verified addresses (the `auth` section, AUTH_ALLOWED_DOMAINS). */
export type EmailDirectory = {
  roles: Readonly<Record<string, Role>>;
  defaultRole: Role | "none";
  /** Empty: any domain (IAP's own policy already decided who gets through). */
  allowedDomains: readonly string[];
};

/**
 * The role of a verified address as the config says now, or null when it may not come in:
 * its domain is not allowed, or it is not listed and unlisted addresses get "none". Asked on
 * every request, so a change to the config applies to the next one.
 */
export function roleOfVerifiedEmail(email: string, dir: EmailDirectory): Role | null {
  const address = email.toLowerCase();
  const domain = address.split("@")[1];
  if (!domain) return null;
  if (dir.allowedDomains.length > 0 && !dir.allowedDomains.includes(domain)) return null;
  const role = Object.hasOwn(dir.roles, address) ? dir.roles[address] : undefined;
  if (role) return role;
  return dir.defaultRole === "none" ? null : dir.defaultRole;
}
