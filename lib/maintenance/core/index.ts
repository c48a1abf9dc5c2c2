export * from "@/lib/config/core/maintenance/types";
export * from "@/lib/config/core/maintenance/scope";
export * from "./active";
export * from "@/lib/config/core/maintenance/recurring";
export * from "@/lib/config/core/maintenance/schemas";
export * from "./config-windows";
export * from "./held";
