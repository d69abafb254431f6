import { isAuthenticated, logout, onSessionChange } from "@zw/client";
import { useEffect, useSyncExternalStore } from "react";
import { navigateToUrl } from "single-spa";
import { useTranslation } from "@zw/ui";
import { LoginPage } from "./LoginPage.js";
import { MainNotice } from "./MainNotice.js";
import { NavMenu } from "./NavMenu.js";
import { TopBar } from "./TopBar.js";
import { useLocationPath } from "./location.js";

function useAuthenticated(): boolean {
  return useSyncExternalStore(onSessionChange, isAuthenticated, isAuthenticated);
}

export function safeNext(next: string | null): string {
  return next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/login") ? next : "/";
}

export function Chrome() {
  const authed = useAuthenticated();
  const path = useLocationPath();
  const pathname = path.split("?")[0];
  const { t } = useTranslation("shell");

  useEffect(() => {
    document.title = t("title");
  }, [t]);

  useEffect(() => {
    document.body.classList.toggle("zw-signed-out", !authed || pathname === "/login");
    if (!authed && pathname !== "/login") {
      navigateToUrl(path && path !== "/" ? `/login?next=${encodeURIComponent(path)}` : "/login");
    } else if (authed && pathname === "/login") {
      navigateToUrl(safeNext(new URLSearchParams(window.location.search).get("next")));
    }
  }, [authed, path, pathname]);

  if (!authed || pathname === "/login") return <LoginPage />;
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
