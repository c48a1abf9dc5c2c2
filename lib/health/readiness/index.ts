export { demoVerdict } from "./verdict";
export { checkStatus } from "./check-status";
export { workInProgressOf } from "./work-in-progress";
export { scrubInternal } from "./scrub";
export type * from "./types";
