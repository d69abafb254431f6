/**
 * The names every front-end build shares through the import map. The shared bundle (@zw/shared) builds
 * one entry per name; every micro-frontend and the shell mark them external, so the browser fetches
 * React, Apollo, Ant Design and the platform packages once, whichever modules a user opens.
 *
 * Adding a name: add it here, rebuild @zw/shared, the shell (import map) and the modules that use it.
 */
export const SHARED_NAMES = [
  "react",
  "react/jsx-runtime",
  "react-dom",
  "react-dom/client",
  "@apollo/client",
  "@apollo/client/react",
  "antd",
  "i18next",
  "react-i18next",
  "react-router",
  "single-spa",
  "single-spa-react",
  "@zw/client",
  "@zw/ui",
  "@zw/ui/charts",
];

/** File name (without .js) of a shared name's entry: "react-dom/client" → "react-dom__client". */
export function entryFileName(name) {
  return name.replace(/^@/, "").replace(/\//g, "__");
}

/** Rollup `external` test: exact shared names only (a deep import such as antd/es/x is bundled, so avoid it). */
export function isShared(id) {
  return SHARED_NAMES.includes(id);
}
