/**
 * The module's pages. To add one: create src/pages/XPage.tsx, add a <Route> here and a tab in TABS
 * (label key in src/i18n/*.json).
 */
import { useTranslation } from "@zw/ui";
import { Menu, Result } from "antd";
import { Route, Routes, useLocation, useNavigate } from "react-router";
import { NS } from "./module.js";
import { AlertsPage } from "./pages/AlertsPage.js";
import { CasesPage } from "./pages/CasesPage.js";
import { HomePage } from "./pages/HomePage.js";

const TABS = [
  { path: "/", key: "tabs.home" },
  { path: "/alerts", key: "tabs.alerts" },
  { path: "/cases", key: "tabs.cases" },
];

function Tabs() {
  const { t } = useTranslation(NS);
  const loc = useLocation();
  const navigate = useNavigate();
  const current = TABS.filter((x) => (x.path === "/" ? loc.pathname === "/" : loc.pathname.startsWith(x.path))).map((x) => x.path);
  return (
    <Menu
      className="zw-mfe-tabs"
      mode="horizontal"
      selectedKeys={current}
      onClick={({ key }) => navigate(key)}
      items={TABS.map((x) => ({ key: x.path, label: <span data-testid={`tab-${x.path.replace("/", "") || "home"}`}>{t(x.key)}</span> }))}
    />
  );
}

export function ModuleRoutes() {
  const { t } = useTranslation(NS);
  return (
    <>
      <Tabs />
      <Routes>
        <Route index element={<HomePage />} />
        <Route path="alerts" element={<AlertsPage />} />
        <Route path="cases" element={<CasesPage />} />
        <Route path="*" element={<Result status="404" title={t("notFound")} />} />
      </Routes>
    </>
  );
}
