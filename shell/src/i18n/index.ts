import { registerMessages } from "@zw/ui";
import en from "./en.json";
import zhCN from "./zh-CN.json";

/** The shell's namespace ("shell"), used by the chrome and the overview. */
export function registerShellMessages(): void {
  registerMessages("shell", { "zh-CN": zhCN, en });
}
