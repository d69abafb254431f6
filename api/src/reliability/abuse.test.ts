/**
 * Abuse limits and browser-safety guards not covered elsewhere (issue 11, points 6 and 7). The rest of
 * point 6 is covered by: core/throttle.test.ts (login throttle per address, key budgets and 429s),
 * core/auth.test.ts (lockout after repeated failures, revocation), graphql/limits.test.ts (depth, cost,
 * aliases, batches, body size), core/public-throttle.test.ts (every public field throttled).
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workspaceRoot } from "../paths.js";
import { createHarness, ok, type Harness } from "../test/harness.js";

let h: Harness;
beforeAll(async () => {
  // Sessions last 3 seconds here.
  h = await createHarness({ config: { sessionHours: 3 / 3600 } });
}, 300_000);
afterAll(async () => h?.close());

describe("tokens expire", () => {
  it("refuses a session token once its lifetime is over (UNAUTHENTICATED, HTTP 401), even while cached", async () => {
    const token = await h.login("admin");
    const me = ok(await h.gql(`{ me { user { username } } }`, {}, { token }));
    expect(me.me.user.username).toBe("admin");
    await new Promise((r) => setTimeout(r, 3500));
    const after = await h.gql(`{ me { user { username } } }`, {}, { token });
    expect(after.status).toBe(401);
    expect(after.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    // A fresh sign-in works again.
    const again = await h.login("admin");
    expect(ok(await h.gql(`{ me { user { username } } }`, {}, { token: again })).me.user.username).toBe("admin");
  });
});

describe("front-end sources render user text as text", () => {
  /** Every source file of the shell, the modules and the shared packages. */
  function sources(): string[] {
    const roots = ["shell/src", "mfe-cells/src", "mfe-construction-waste/src", "mfe-hazardous/src", "mfe-recycling/src", "packages/ui/src", "packages/client/src", "packages/shared/src"].map((d) => path.join(workspaceRoot, d));
    const out: string[] = [];
    const walk = (d: string) => {
      if (!fs.existsSync(d)) return;
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) {
          if (e.name !== "node_modules" && e.name !== "generated" && e.name !== "__generated__") walk(p);
        } else if (/\.(tsx?|jsx?|mjs)$/.test(e.name) && !/\.test\./.test(e.name)) out.push(p);
      }
    };
    roots.forEach(walk);
    return out;
  }

  it("uses no raw-HTML sinks (dangerouslySetInnerHTML, innerHTML, outerHTML, insertAdjacentHTML, document.write, eval, new Function)", () => {
    const files = sources();
    expect(files.length).toBeGreaterThan(50);
    const sink = /dangerouslySetInnerHTML|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write\(|\beval\(|new Function\(/;
    const hits = files.flatMap((f) =>
      fs
        .readFileSync(f, "utf8")
        .split("\n")
        .map((line, i) => ({ line, i }))
        .filter(({ line }) => sink.test(line))
        .map(({ i, line }) => `${path.relative(workspaceRoot, f)}:${i + 1}: ${line.trim().slice(0, 120)}`),
    );
    expect(hits).toEqual([]);
  });
});
