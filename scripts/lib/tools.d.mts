export function findChromium(): string | undefined;
export function findPostgresBin(): string | undefined;
export function findMariadb(): { server: string; installDb: string } | undefined;
export const TOOLS: ReadonlyArray<{ name: string; find: () => unknown; apt: string[]; hint: string }>;
