import { LoginOutlined } from "@ant-design/icons";
import { LanguageSwitch, localLabel, useLanguage, useTranslation } from "@zw/ui";
import { Button, Typography } from "antd";
import { navigateToUrl } from "single-spa";
import { publicOwner } from "../registry.js";
import { useLocationPath } from "./location.js";
import { useModules } from "./useAccess.js";

/**
 * The top bar for a visitor who is not signed in, on a public page of a module (e.g. the cells FAQ):
 * the platform's name, the module's title, the language switch and a way to sign in that comes back here.
 * No navigation: nothing else is open to visitors.
 */
export function PublicBar() {
  const { t } = useTranslation("shell");
  const lng = useLanguage();
  const path = useLocationPath();
  const owner = publicOwner(useModules(), path.split("?")[0]!);
  const title = owner?.manifest?.title ? localLabel(owner.manifest.title, lng) : "";
  return (
    <header className="zw-topbar" data-testid="zw-public-bar" style={{ background: "#0d3d73", color: "#fff", display: "flex", alignItems: "center", padding: "0 16px", gap: 16 }}>
      <Typography.Text style={{ color: "#fff", fontSize: 18, fontWeight: 600, whiteSpace: "nowrap" }}>{t("title")}</Typography.Text>
      {title ? (
        <Typography.Text style={{ color: "rgba(255,255,255,0.8)" }} data-testid="zw-public-title">
          {title}
        </Typography.Text>
      ) : null}
      <div style={{ flex: 1 }} />
      <Typography.Text style={{ color: "rgba(255,255,255,0.8)" }}>{t("public.hint")}</Typography.Text>
      <LanguageSwitch />
      <Button size="small" icon={<LoginOutlined />} onClick={() => navigateToUrl(`/login?next=${encodeURIComponent(path)}`)} data-testid="zw-public-login">
        {t("public.login")}
      </Button>
    </header>
  );
}
