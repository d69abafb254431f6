/**
 * The module's pages. To add one: create src/pages/XPage.tsx, add a <Route> here and a tab in TABS
 * (label key in src/i18n/*.json).
 */
import { useTranslation } from "@zw/ui";
import { Menu, Result } from "antd";
import { Route, Routes, useLocation, useNavigate } from "react-router";
import { NS } from "./module.js";
import { AlertsPage } from "./pages/AlertsPage.js";
import { CapacityPage } from "./pages/CapacityPage.js";
import { CasesPage } from "./pages/CasesPage.js";
import { CompaniesPage } from "./pages/CompaniesPage.js";
import { HomePage } from "./pages/HomePage.js";
import { ManifestsPage } from "./pages/ManifestsPage.js";
import { MapPage } from "./pages/MapPage.js";
import { PermitPrintPage } from "./pages/PermitPrintPage.js";
import { PermitsPage } from "./pages/PermitsPage.js";
import { PickupsPage } from "./pages/PickupsPage.js";
import { PlacesPage } from "./pages/PlacesPage.js";
import { RulesPage } from "./pages/RulesPage.js";
import { SitesPage } from "./pages/SitesPage.js";
import { VehiclesPage } from "./pages/VehiclesPage.js";
import { VisitsPage } from "./pages/VisitsPage.js";

const TABS = [
  { path: "/", key: "tabs.home" },
  { path: "/sites", key: "tabs.sites" },
  { path: "/companies", key: "tabs.companies" },
  { path: "/vehicles", key: "tabs.vehicles" },
  { path: "/permits", key: "tabs.permits" },
  { path: "/disposal-places", key: "tabs.places" },
  { path: "/manifests", key: "tabs.manifests" },
  { path: "/map", key: "tabs.map" },
  { path: "/alerts", key: "tabs.alerts" },
  { path: "/cases", key: "tabs.cases" },
  { path: "/capacity", key: "tabs.capacity" },
  { path: "/pickups", key: "tabs.pickups" },
  { path: "/visits", key: "tabs.visits" },
  { path: "/rules", key: "tabs.rules" },
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
        <Route path="sites" element={<SitesPage />} />
        <Route path="companies" element={<CompaniesPage />} />
        <Route path="vehicles" element={<VehiclesPage />} />
        <Route path="permits" element={<PermitsPage />} />
        <Route path="permits/:id/print" element={<PermitPrintPage />} />
        <Route path="disposal-places" element={<PlacesPage />} />
        <Route path="manifests" element={<ManifestsPage />} />
        <Route path="map" element={<MapPage />} />
        <Route path="capacity" element={<CapacityPage />} />
        <Route path="pickups" element={<PickupsPage />} />
        <Route path="visits" element={<VisitsPage />} />
        <Route path="rules" element={<RulesPage />} />
        <Route path="alerts" element={<AlertsPage />} />
        <Route path="cases" element={<CasesPage />} />
        <Route path="*" element={<Result status="404" title={t("notFound")} />} />
      </Routes>
    </>
  );
}
