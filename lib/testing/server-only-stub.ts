// Empty on purpose: lets Vitest import modules marked `import "server-only"`.
export {};
