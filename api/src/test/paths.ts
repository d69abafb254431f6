import path from "node:path";
import { apiRoot } from "../paths.js";
export const SCHEMA_FILE_PATH = path.join(apiRoot, "schema.graphql");
