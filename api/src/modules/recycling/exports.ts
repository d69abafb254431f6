/** Excel/CSV exports of the recycling lists (registered with core's exports once merged). */
export function registerRecyclingExports(): void {}
