import { ErrorState, useTranslation } from "@zw/ui";
import { Button, Result } from "antd";
import { createPortal } from "react-dom";
import { navigateToUrl } from "single-spa";
import { loadAccess } from "../access.js";
import { isPublicPath, matchesPrefix } from "../registry.js";
import { useLocationPath } from "./location.js";
import { useAccess, useModules } from "./useAccess.js";

/**
 * What the main area shows when no application is active there: no access to a module, an unknown
 * page, a welcome when the caller has no overview, or a failure to load the caller's permissions.
 * A module's public paths are open to everyone, signed in or not: no "no access" there.
 */
export function MainNotice() {
  const { t } = useTranslation("shell");
  const access = useAccess();
  const modules = useModules();
  const path = useLocationPath().split("?")[0]!;
  const main = document.getElementById("zw-main");
  if (!main) return null;

  let content: React.ReactNode = null;
  if (access.status === "error") content = <ErrorState title={t("notice.accessError")} error={access.error} onRetry={() => void loadAccess()} />;
  else if (access.status === "ready") {
    const owner = modules.find((r) => r.manifest?.activeWhen.some((p) => matchesPrefix(path, p)));
    const home = (
      <Button type="primary" onClick={() => navigateToUrl("/")}>
        {t("notice.home")}
      </Button>
    );
    if (path === "/" && !access.readable.has("overview")) {
      const any = modules.some((r) => r.manifest && access.readable.has(r.manifest.module));
      content = <Result status="info" title={t("notice.welcomeTitle")} subTitle={any ? t("notice.welcome") : t("notice.noModules")} data-testid="zw-notice-welcome" />;
    } else if (owner?.manifest && !access.readable.has(owner.manifest.module) && !isPublicPath(owner.manifest, path)) {
      content = <Result status="403" title={t("notice.noAccessTitle")} subTitle={t("notice.noAccess")} extra={home} data-testid="zw-notice-no-access" />;
    } else if (path !== "/" && !owner && modules.length > 0) {
      content = <Result status="404" title={t("notice.notFoundTitle")} subTitle={t("notice.notFound")} extra={home} data-testid="zw-notice-not-found" />;
    }
  }
  return content ? createPortal(<div className="zw-notice">{content}</div>, main) : null;
}
