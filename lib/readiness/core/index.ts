export { demoVerdict } from "./verdict";
export { checkStatus } from "./check-status";
export { scrubInternal } from "./scrub";
export { withRehearsalText } from "./rehearsal-text";
export type * from "./types";
