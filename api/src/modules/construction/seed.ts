import type { SeedContext } from "../core/seed.js";
export async function seedConstruction(_ctx: SeedContext): Promise<void> {}
