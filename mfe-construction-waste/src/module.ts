/** The module's identity, shared by the lifecycles and the standalone page. */
import type { ModuleDefinition } from "@zw/ui";
import manifest from "../manifest.json";
import { App } from "./App.js";
import en from "./i18n/en.json";
import zhCN from "./i18n/zh-CN.json";
import css from "./styles.css?inline";

export const NS = "construction";
export const STREAM = "construction" as const;

export const moduleDefinition: ModuleDefinition = {
  name: manifest.name,
  ns: NS,
  messages: { "zh-CN": zhCN, en },
  App,
  basePath: manifest.activeWhen[0]!,
  css,
};
