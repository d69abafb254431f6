import { Segmented } from "antd";
import { useTranslation } from "react-i18next";
import { LANGUAGES, setLanguage, useLanguage, type Language } from "./i18n.js";

/** zh/en switch; the choice is kept across reloads and applies to every module. */
export function LanguageSwitch() {
  const lng = useLanguage();
  const { t } = useTranslation("ui");
  return (
    <Segmented
      size="small"
      aria-label={t("language.label")}
      data-testid="zw-language-switch"
      value={lng}
      options={LANGUAGES.map((l) => ({ value: l, label: <span data-testid={`zw-lang-${l}`}>{t(`language.${l}`)}</span> }))}
      onChange={(v) => void setLanguage(v as Language)}
    />
  );
}
