/** The fallback's words (the root config has no UI framework; the language comes from the same key as i18n). */
const TEXT = {
  "zh-CN": {
    loadTitle: "模块加载失败",
    mountTitle: "模块启动失败",
    body: "此模块暂时无法使用，平台其他功能不受影响。请稍后重试，或联系系统管理员。",
    retry: "重试",
    retrying: "正在重试…",
  },
  en: {
    loadTitle: "This module could not be loaded",
    mountTitle: "This module failed to start",
    body: "The module is unavailable for now; the rest of the platform still works. Retry later or contact the administrator.",
    retry: "Retry",
    retrying: "Retrying…",
  },
};

export function fallbackText() {
  let lng = "zh-CN";
  try {
    lng = localStorage.getItem("zw.lang") === "en" ? "en" : "zh-CN";
  } catch {
    // default language
  }
  return TEXT[lng as keyof typeof TEXT];
}
