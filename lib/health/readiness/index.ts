export { demoVerdict } from "./verdict";
export { checkStatus } from "./check-status";
export { scrubInternal } from "./scrub";
export { rehearsalText, withRehearsalText, type RehearsalBrief } from "./rehearsal-text";
export type * from "./types";
