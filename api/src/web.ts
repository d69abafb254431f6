/**
 * Serves the built front end: the shell at /, each micro-frontend's build under /modules/<name>/,
 * the shared dependency bundle under /shared/, and the import map at /importmap.json.
 */
import fs from "node:fs";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";
import type { Config } from "./config.js";

export async function registerWeb(server: FastifyInstance, config: Config): Promise<void> {
  const root = config.webRoot;
  server.get("/importmap.json", async (_req, reply) => {
    const file = config.importMapPath ?? path.join(root, "importmap.json");
    if (!fs.existsSync(file)) return reply.code(404).send({ error: "no import map" });
    reply.header("cache-control", "no-cache").type("application/importmap+json; charset=utf-8");
    return reply.send(fs.readFileSync(file, "utf8"));
  });
  if (!fs.existsSync(root)) {
    server.get("/", async () => ({ service: "zero-waste-shaoxing api", graphql: "/graphql", note: "front end not built" }));
    return;
  }
  await server.register(fastifyStatic, { root, prefix: "/", wildcard: false, index: ["index.html"], cacheControl: false });
  // Client-side routes of the shell fall back to index.html.
  server.setNotFoundHandler((req, reply) => {
    const accept = req.headers.accept ?? "";
    if (req.method === "GET" && accept.includes("text/html") && !req.url.startsWith("/graphql")) {
      return reply.type("text/html; charset=utf-8").send(fs.readFileSync(path.join(root, "index.html")));
    }
    return reply.code(404).send({ error: "not found" });
  });
}
