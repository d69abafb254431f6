import { AppstoreOutlined, DashboardOutlined } from "@ant-design/icons";
import { localLabel, useLanguage, useTranslation } from "@zw/ui";
import { Menu, Skeleton } from "antd";
import { navigateToUrl } from "single-spa";
import { matchesPrefix } from "../registry.js";
import { useLocationPath } from "./location.js";
import { useAccess, useModules } from "./useAccess.js";

export interface NavItem {
  key: string;
  path: string;
  label: string;
  module: string;
}

/**
 * The navigation: the overview and each module's manifest entries, kept only where the API's
 * `me.modules` says the caller may read that module.
 */
export function buildNav(
  readable: Set<string>,
  manifests: { module: string; nav: { path: string; label: Record<string, string>; module?: string }[] }[],
  lng: string,
  overviewLabel: string,
): NavItem[] {
  const items: NavItem[] = [];
  if (readable.has("overview")) items.push({ key: "/", path: "/", label: overviewLabel, module: "overview" });
  for (const m of manifests)
    for (const n of m.nav) {
      const key = n.module ?? m.module;
      if (readable.has(key)) items.push({ key: n.path, path: n.path, label: localLabel(n.label, lng as "zh-CN" | "en"), module: key });
    }
  return items;
}

export function NavMenu() {
  const { t } = useTranslation("shell");
  const lng = useLanguage();
  const access = useAccess();
  const modules = useModules();
  const path = useLocationPath().split("?")[0]!;
  if (access.status !== "ready") return <nav className="zw-nav" style={{ padding: 16 }}>{access.status === "loading" ? <Skeleton active /> : null}</nav>;
  const items = buildNav(access.readable, modules.flatMap((r) => (r.manifest ? [r.manifest] : [])), lng, t("nav.overview"));
  const selected = items.filter((i) => (i.path === "/" ? path === "/" : matchesPrefix(path, i.path))).sort((a, b) => b.path.length - a.path.length)[0];
  return (
    <nav className="zw-nav" aria-label={t("nav.label")} data-testid="zw-nav">
      <Menu
        mode="inline"
        style={{ borderInlineEnd: 0 }}
        selectedKeys={selected ? [selected.key] : []}
        items={items.map((i) => ({
          key: i.key,
          icon: i.module === "overview" ? <DashboardOutlined /> : <AppstoreOutlined />,
          label: (
            <a
              href={i.path}
              data-testid={`zw-nav-${i.module}`}
              onClick={(e) => {
                e.preventDefault();
              }}
            >
              {i.label}
            </a>
          ),
        }))}
        onClick={({ key }) => navigateToUrl(key)}
      />
    </nav>
  );
}
