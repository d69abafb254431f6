import path from "node:path";
import { fileURLToPath } from "node:url";
import { mfeConfig } from "@zw/build/vite-mfe";

export default mfeConfig({ root: path.dirname(fileURLToPath(import.meta.url)), devPort: 8111 });
