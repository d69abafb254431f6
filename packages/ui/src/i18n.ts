/**
 * One i18next instance for the whole platform (shared through the import map). zh-CN is the default,
 * en is complete. Each package adds its own namespace with `registerMessages(ns, { "zh-CN": …, en: … })`.
 * The chosen language is kept in localStorage ("zw.lang") and applied to every module at once.
 */
import i18next, { type i18n as I18n } from "i18next";
import { initReactI18next, useTranslation } from "react-i18next";
import { useSyncExternalStore } from "react";
import en from "./locales/en.json";
import zhCN from "./locales/zh-CN.json";

export const LANGUAGES = ["zh-CN", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "zh-CN";
export const LANGUAGE_STORAGE_KEY = "zw.lang";

export type Catalogue = Record<string, unknown>;
export type Catalogues = Record<Language, Catalogue>;

function storedLanguage(): Language {
  try {
    const v = typeof localStorage !== "undefined" ? localStorage.getItem(LANGUAGE_STORAGE_KEY) : null;
    return (LANGUAGES as readonly string[]).includes(v ?? "") ? (v as Language) : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

export const i18n: I18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  lng: storedLanguage(),
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  ns: ["ui"],
  defaultNS: "ui",
  resources: { "zh-CN": { ui: zhCN }, en: { ui: en } },
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});
syncDocumentLanguage();

/** Adds (or replaces) a namespace's messages in both languages. */
export function registerMessages(ns: string, catalogues: Catalogues): void {
  for (const lng of LANGUAGES) i18n.addResourceBundle(lng, ns, catalogues[lng], true, true);
}

export function getLanguage(): Language {
  const l = i18n.language;
  return (LANGUAGES as readonly string[]).includes(l) ? (l as Language) : DEFAULT_LANGUAGE;
}

export async function setLanguage(lng: Language): Promise<void> {
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, lng);
  } catch {
    // storage unavailable: the choice lasts for this page only
  }
  await i18n.changeLanguage(lng);
  syncDocumentLanguage();
}

function syncDocumentLanguage(): void {
  if (typeof document !== "undefined") document.documentElement.lang = getLanguage();
}

function subscribe(fn: () => void): () => void {
  i18n.on("languageChanged", fn);
  return () => i18n.off("languageChanged", fn);
}

/** The current language; re-renders on change. */
export function useLanguage(): Language {
  return useSyncExternalStore(subscribe, getLanguage, getLanguage);
}

/** Picks the name in the current language from an API object with nameZh/nameEn. */
export function localName(o: { nameZh: string; nameEn: string } | null | undefined, lng: Language = getLanguage()): string {
  if (!o) return "";
  return lng === "en" ? o.nameEn : o.nameZh;
}

/** Picks a { "zh-CN": …, en: … } label. */
export function localLabel(l: Partial<Record<Language, string>> | string | undefined, lng: Language = getLanguage()): string {
  if (!l) return "";
  if (typeof l === "string") return l;
  return l[lng] ?? l[DEFAULT_LANGUAGE] ?? Object.values(l)[0] ?? "";
}

export { useTranslation };
