import path from "node:path";
import { fileURLToPath } from "node:url";

/** The api package root, whether running from src/ (tests) or dist/ (built). */
export const apiRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** The workspace root (one level above api/). */
export const workspaceRoot = path.resolve(apiRoot, "..");
/** Generated SQL migrations, one folder per module. */
export const migrationsRoot = path.join(apiRoot, "drizzle");
