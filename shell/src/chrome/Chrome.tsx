import { isAuthenticated, logout, onSessionChange } from "@zw/client";
import { useEffect, useSyncExternalStore } from "react";
import { navigateToUrl } from "single-spa";
import { useTranslation } from "@zw/ui";
import { modulesDiscovered, onModules } from "../registry.js";
import { LoginPage } from "./LoginPage.js";
import { MainNotice } from "./MainNotice.js";
import { NavMenu } from "./NavMenu.js";
import { PublicBar } from "./PublicBar.js";
import { TopBar } from "./TopBar.js";
import { useLocationPath } from "./location.js";
import { useModules } from "./useAccess.js";
import { chromeView, safeNext } from "./view.js";

export { safeNext };

function useAuthenticated(): boolean {
  return useSyncExternalStore(onSessionChange, isAuthenticated, isAuthenticated);
}
const useDiscovered = () => useSyncExternalStore(onModules, modulesDiscovered, modulesDiscovered);

export function Chrome() {
  const authed = useAuthenticated();
  const path = useLocationPath();
  const modules = useModules();
  const discovered = useDiscovered();
  const { t } = useTranslation("shell");
  const view = chromeView({ authed, path, search: window.location.search, modules, discovered });

  useEffect(() => {
    document.title = t("title");
  }, [t]);

  const redirectTo = view.kind === "redirect" ? view.to : null;
  useEffect(() => {
    // Signed out: the main area is hidden (login page, or waiting for the manifests) unless the path is public.
    document.body.classList.toggle("zw-signed-out", view.kind === "login" || view.kind === "wait" || (view.kind === "redirect" && view.then === "login"));
    document.body.classList.toggle("zw-public", view.kind === "public");
    if (redirectTo) navigateToUrl(redirectTo);
  }, [view.kind, redirectTo]);

  if (view.kind === "wait") return null;
  if (view.kind === "login" || (view.kind === "redirect" && view.then === "login")) return <LoginPage />;
  if (view.kind === "public") return <PublicBar />;
  return (
    <>
      <TopBar
        onLogout={async () => {
          await logout();
          navigateToUrl("/login");
        }}
      />
      <NavMenu />
      <MainNotice />
    </>
  );
}
