/** The overview at / (the shell's own application). */
import { defineModule } from "@zw/ui";
import en from "../i18n/en.json";
import zhCN from "../i18n/zh-CN.json";
import { OverviewPage } from "./OverviewPage.js";

export const { bootstrap, mount, unmount } = defineModule({
  name: "@zw/shell-overview",
  ns: "shell",
  messages: { "zh-CN": zhCN, en },
  App: OverviewPage,
  basePath: "/",
});
