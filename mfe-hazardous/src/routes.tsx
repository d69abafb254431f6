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
import { CensusPage } from "./pages/CensusPage.js";
import { CollectionPage } from "./pages/CollectionPage.js";
import { DecommissionPage } from "./pages/DecommissionPage.js";
import { HazardsPage } from "./pages/HazardsPage.js";
import { HomePage } from "./pages/HomePage.js";
import { ManifestDetailPage } from "./pages/ManifestDetailPage.js";
import { ManifestPrintPage } from "./pages/ManifestPrintPage.js";
import { ManifestsPage } from "./pages/ManifestsPage.js";
import { MapPage } from "./pages/MapPage.js";
import { RoadsPage } from "./pages/RoadsPage.js";
import { RulesPage } from "./pages/RulesPage.js";
import { StatisticsPage } from "./pages/StatisticsPage.js";
import { TransportPage } from "./pages/TransportPage.js";
import { UnitsPage } from "./pages/UnitsPage.js";
import { VerifyPage } from "./pages/VerifyPage.js";

const TABS = [
  { path: "/", key: "tabs.home" },
  { path: "/manifests", key: "tabs.manifests" },
  { path: "/units", key: "tabs.units" },
  { path: "/hazards", key: "tabs.hazards" },
  { path: "/census", key: "tabs.census" },
  { path: "/collection", key: "tabs.collection" },
  { path: "/transport", key: "tabs.transport" },
  { path: "/roads", key: "tabs.roads" },
  { path: "/map", key: "tabs.map" },
  { path: "/decommission", key: "tabs.decommission" },
  { path: "/statistics", key: "tabs.statistics" },
  { path: "/alerts", key: "tabs.alerts" },
  { path: "/rules", key: "tabs.rules" },
  { path: "/cases", key: "tabs.cases" },
];

function Tabs() {
  const { t } = useTranslation(NS);
  const loc = useLocation();
  const navigate = useNavigate();
  if (/\/print$/.test(loc.pathname)) return null;
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
        <Route path="manifests" element={<ManifestsPage />} />
        <Route path="manifests/:id" element={<ManifestDetailPage />} />
        <Route path="manifests/:id/print" element={<ManifestPrintPage />} />
        <Route path="verify/:token" element={<VerifyPage />} />
        <Route path="units" element={<UnitsPage />} />
        <Route path="hazards" element={<HazardsPage />} />
        <Route path="census" element={<CensusPage />} />
        <Route path="collection" element={<CollectionPage />} />
        <Route path="transport" element={<TransportPage />} />
        <Route path="roads" element={<RoadsPage />} />
        <Route path="rules" element={<RulesPage />} />
        <Route path="map" element={<MapPage />} />
        <Route path="decommission" element={<DecommissionPage />} />
        <Route path="statistics" element={<StatisticsPage />} />
        <Route path="alerts" element={<AlertsPage />} />
        <Route path="cases" element={<CasesPage />} />
        <Route path="*" element={<Result status="404" title={t("notFound")} />} />
      </Routes>
    </>
  );
}
