export { demoVerdict } from "./verdict";
export { checkStatus } from "./check-status";
export { scrubInternal } from "./scrub";
export type * from "./types";
