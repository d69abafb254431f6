export async function seedHazardous(): Promise<void> {}
