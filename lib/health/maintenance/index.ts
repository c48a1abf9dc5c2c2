export * from "./types";
export * from "./scope";
export * from "./active";
export * from "./recurring";
export * from "./schemas";
export * from "./config-windows";
export * from "./held";
