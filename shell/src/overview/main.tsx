/** The overview at / (the shell's own application): namespace "overview", its CSS added on mount. */
import { defineModule } from "@zw/ui";
import en from "./i18n/en.json";
import zhCN from "./i18n/zh-CN.json";
import css from "./overview.css?inline";
import { OverviewApp } from "./OverviewApp.js";

export const { bootstrap, mount, unmount } = defineModule({
  name: "@zw/shell-overview",
  ns: "overview",
  messages: { "zh-CN": zhCN, en },
  App: OverviewApp,
  basePath: "/",
  css,
});
