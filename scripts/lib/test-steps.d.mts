export const TEST_STEPS: [name: string, command: string, args: string[]][];
