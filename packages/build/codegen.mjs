/**
 * GraphQL Code Generator config shared by every front-end package: the operations in a package's
 * src/graphql/*.graphql are validated against api/schema.graphql and turned into TypedDocumentNodes in
 * src/graphql/generated.ts. A schema change that breaks an operation fails codegen; one that changes a
 * type a component relies on fails the package's type check.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";

const workspaceRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const schemaPath = path.join(workspaceRoot, "api", "schema.graphql");

export function codegenConfig({ documents = "src/graphql/**/*.graphql", output = "src/graphql/generated.ts" } = {}) {
  return {
    overwrite: true,
    schema: schemaPath,
    documents,
    ignoreNoDocuments: false,
    errorsOnly: false,
    silent: true,
    generates: {
      [output]: {
        plugins: [
          "typescript-operations",
          "typed-document-node",
        ],
        config: {
          useTypeImports: true,
          enumsAsTypes: true,
          avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
          defaultScalarType: "unknown",
          scalars: { DateTime: "string", JSONObject: "Record<string, unknown>", ID: "string" },
          dedupeFragments: true,
          skipTypename: false,
          nonOptionalTypename: false,
        },
      },
    },
  };
}
