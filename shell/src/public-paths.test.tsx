/**
 * Public paths: a module's manifest may open some of its routes to visitors who are not signed in
 * (mfe-cells: the FAQ with the question form and answer look-up, the academy). The shell must mount the
 * module there without a session and show a public bar instead of the login page — and still send a
 * visitor to the login page everywhere else.
 */
import { act, cleanup, render, screen } from "@testing-library/react";
import { ZwProviders } from "@zw/ui";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("single-spa", () => ({ unloadApplication: vi.fn(async () => {}), triggerAppChange: vi.fn(async () => {}), navigateToUrl: vi.fn() }));

import { navigateToUrl } from "single-spa";
import cellsManifest from "../../mfe-cells/manifest.json";
import { Chrome } from "./chrome/Chrome.js";
import { chromeView } from "./chrome/view.js";
import { registerShellMessages } from "./i18n/index.js";
import { isPublicPath, moduleActive, publicOwner, setModules, validateManifest, type ModuleRecord } from "./registry.js";

const cells = validateManifest(cellsManifest, "@zw/mfe-cells");
const hazardous = validateManifest({ module: "hazardous", activeWhen: ["/hazardous"], nav: [] }, "@zw/mfe-hazardous");
const records: ModuleRecord[] = [
  { specifier: "@zw/mfe-cells", entryUrl: "/modules/cells/0.1.0/index.js", manifest: cells },
  { specifier: "@zw/mfe-hazardous", entryUrl: "/modules/hazardous/0.1.0/index.js", manifest: hazardous },
];

beforeEach(() => {
  localStorage.clear();
  document.body.className = "";
  document.body.innerHTML = '<div id="zw-chrome"></div><main id="zw-main"></main>';
});
afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

describe("manifest public paths", () => {
  it("reads mfe-cells' public paths: the FAQ (ask, look up) and the academy", () => {
    expect(cells.publicPaths).toEqual(["/cells/faq", "/cells/academy"]);
    expect(isPublicPath(cells, "/cells/faq")).toBe(true);
    expect(isPublicPath(cells, "/cells/academy")).toBe(true);
    expect(isPublicPath(cells, "/cells/faqx")).toBe(false);
    expect(isPublicPath(cells, "/cells/applications")).toBe(false);
    expect(isPublicPath(cells, "/cells")).toBe(false);
    expect(isPublicPath(hazardous, "/hazardous")).toBe(false);
    expect(publicOwner(records, "/cells/faq")?.specifier).toBe("@zw/mfe-cells");
  });

  it("refuses public paths outside the module's own routes", () => {
    expect(() => validateManifest({ module: "a", activeWhen: ["/a"], nav: [], publicPaths: ["/"] }, "@zw/mfe-a")).toThrow(/publicPaths/);
    expect(() => validateManifest({ module: "a", activeWhen: ["/a"], nav: [], publicPaths: ["/b/faq"] }, "@zw/mfe-a")).toThrow(/publicPaths/);
    expect(() => validateManifest({ module: "a", activeWhen: ["/a"], nav: [], publicPaths: "/a/faq" }, "@zw/mfe-a")).toThrow(/publicPaths/);
    expect(validateManifest({ module: "a", activeWhen: ["/a"], nav: [] }, "@zw/mfe-a").publicPaths).toEqual([]);
  });

  it("activates a module on its public paths for anyone, elsewhere only for a signed-in caller who may read it", () => {
    const none = () => false;
    const all = () => true;
    expect(moduleActive(cells, "/cells/faq", false, none)).toBe(true);
    expect(moduleActive(cells, "/cells/academy", false, none)).toBe(true);
    expect(moduleActive(cells, "/cells/faq", true, none)).toBe(true); // signed in without the cells module: still public
    expect(moduleActive(cells, "/cells/applications", false, all)).toBe(false);
    expect(moduleActive(cells, "/cells/applications", true, none)).toBe(false);
    expect(moduleActive(cells, "/cells/applications", true, (k) => k === "cells")).toBe(true);
    expect(moduleActive(hazardous, "/hazardous", false, all)).toBe(false);
  });
});

describe("what the chrome shows", () => {
  const view = (authed: boolean, path: string, discovered = true) => chromeView({ authed, path, search: path.includes("?") ? path.slice(path.indexOf("?")) : "", modules: records, discovered });

  it("shows a visitor the public bar on a public path, the login page (with next) elsewhere", () => {
    expect(view(false, "/cells/faq?q=电池")).toEqual({ kind: "public" });
    expect(view(false, "/cells/academy")).toEqual({ kind: "public" });
    expect(view(false, "/cells/applications")).toEqual({ kind: "redirect", to: "/login?next=%2Fcells%2Fapplications", then: "login" });
    expect(view(false, "/")).toEqual({ kind: "redirect", to: "/login", then: "login" });
    expect(view(false, "/login")).toEqual({ kind: "login" });
  });

  it("waits for the manifests before deciding that a visitor must sign in", () => {
    expect(view(false, "/cells/faq", false)).toEqual({ kind: "wait" });
    expect(view(false, "/cells/applications", false)).toEqual({ kind: "wait" });
  });

  it("shows the signed-in frame everywhere, public paths included, and leaves /login for next", () => {
    expect(view(true, "/cells/faq")).toEqual({ kind: "frame" });
    expect(view(true, "/hazardous")).toEqual({ kind: "frame" });
    expect(view(true, "/login?next=%2Fcells%2Ffaq")).toEqual({ kind: "redirect", to: "/cells/faq", then: "frame" });
  });
});

describe("the chrome in the page", () => {
  registerShellMessages();
  const renderAt = (path: string) => {
    history.replaceState(null, "", path);
    return render(
      <ZwProviders>
        <Chrome />
      </ZwProviders>,
      { container: document.getElementById("zw-chrome")! },
    );
  };

  it("lets a visitor stay on the FAQ without signing in, with a sign-in button that comes back", async () => {
    act(() => setModules(records));
    renderAt("/cells/faq?q=%E7%94%B5%E6%B1%A0");
    expect(await screen.findByTestId("zw-public-bar")).toBeTruthy();
    expect(screen.getByTestId("zw-public-title").textContent).toBe("无废细胞与建设跟踪");
    expect(screen.queryByTestId("zw-login-page")).toBeNull();
    expect(document.body.classList.contains("zw-public")).toBe(true);
    expect(document.body.classList.contains("zw-signed-out")).toBe(false);
    expect(navigateToUrl).not.toHaveBeenCalled();
    act(() => screen.getByTestId("zw-public-login").click());
    expect(navigateToUrl).toHaveBeenCalledWith("/login?next=%2Fcells%2Ffaq%3Fq%3D%25E7%2594%25B5%25E6%25B1%25A0");
  });

  it("sends a visitor to the login page from a page that is not public", async () => {
    act(() => setModules(records));
    renderAt("/cells/applications");
    expect(await screen.findByTestId("zw-login-page")).toBeTruthy();
    expect(screen.queryByTestId("zw-public-bar")).toBeNull();
    expect(document.body.classList.contains("zw-signed-out")).toBe(true);
    expect(navigateToUrl).toHaveBeenCalledWith("/login?next=%2Fcells%2Fapplications");
  });
});
