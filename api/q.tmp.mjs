import { PGlite } from "@electric-sql/pglite";
const db = await PGlite.create(process.argv[2]);
for (const q of process.argv.slice(3)) { const r = await db.query(q); console.log(JSON.stringify(r.rows)); }
await db.close();
