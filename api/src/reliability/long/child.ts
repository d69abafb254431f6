/** The built API (dist/main.js) as a child process, as in production; resolves once it listens. */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { apiRoot } from "../../paths.js";

export const MAIN = path.join(apiRoot, "dist", "main.js");
export const built = () => fs.existsSync(MAIN);

export interface ChildApi {
  child: ChildProcess;
  url: string;
  pid: number;
  output: () => string;
}

export function startApi(env: Record<string, string>, opts: { nodeArgs?: string[] } = {}): Promise<ChildApi> {
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), MAIN], {
    cwd: apiRoot,
    env: { ...process.env, NODE_ENV: "production", DEMO: "0", HOST: "127.0.0.1", PORT: "0", LOG_LEVEL: "silent", THROTTLE_SCALE: "1000", WEB_ROOT: "/nonexistent", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`API did not start:\n${out}`)), 600_000);
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /GraphQL\s+(http:\/\/[^\s]+)\/graphql/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]!, pid: child.pid!, output: () => out });
      }
    });
    child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`API exited (${code ?? signal}) before it was ready:\n${out}`));
    });
  });
}

export function exited(child: ChildProcess): Promise<void> {
  return new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once("exit", () => r())));
}

export async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const r = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  return { status: r.status, body: await r.text() };
}
