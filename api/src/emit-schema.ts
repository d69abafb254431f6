/** Writes api/schema.graphql from the code (npm run schema:emit). */
import "reflect-metadata";
import fs from "node:fs";
import path from "node:path";
import { printSchema } from "graphql";
import { buildAppSchema } from "./graphql/schema.js";
import { apiRoot } from "./paths.js";

export const SCHEMA_FILE = path.join(apiRoot, "schema.graphql");

const schema = await buildAppSchema();
fs.writeFileSync(SCHEMA_FILE, printSchema(schema) + "\n");
console.log(`wrote ${SCHEMA_FILE}`);
