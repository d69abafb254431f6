/**
 * The module's pages. To add one: create src/pages/XPage.tsx, add a <Route> here and a tab in TABS
 * (label key in src/i18n/*.json). Tabs follow the caller: staff and leadership see everything, a
 * merchant's counter the cards (redemption) and its settlements, an enterprise its network, devices,
 * prices and pickups.
 */
import { useViewer } from "@zw/client";
import { useTranslation } from "@zw/ui";
import { Menu, Result } from "antd";
import { Route, Routes, useLocation, useNavigate } from "react-router";
import { NS } from "./module.js";
import { AlertsPage } from "./pages/AlertsPage.js";
import { CardsPage } from "./pages/CardsPage.js";
import { CasesPage } from "./pages/CasesPage.js";
import { DashboardPage } from "./pages/DashboardPage.js";
import { DevicesPage } from "./pages/DevicesPage.js";
import { HomePage } from "./pages/HomePage.js";
import { MerchantsPage } from "./pages/MerchantsPage.js";
import { NetworkPage } from "./pages/NetworkPage.js";
import { PickupsPage } from "./pages/PickupsPage.js";
import { PricesPage } from "./pages/PricesPage.js";
import { RulesPage } from "./pages/RulesPage.js";

type Audience = "staff" | "merchant" | "enterprise";
const TABS: { path: string; key: string; who: Audience[] }[] = [
  { path: "/", key: "tabs.home", who: ["staff", "merchant", "enterprise"] },
  { path: "/dashboard", key: "tabs.dashboard", who: ["staff"] },
  { path: "/network", key: "tabs.network", who: ["staff", "enterprise"] },
  { path: "/devices", key: "tabs.devices", who: ["staff", "enterprise"] },
  { path: "/prices", key: "tabs.prices", who: ["staff", "enterprise"] },
  { path: "/cards", key: "tabs.cards", who: ["staff", "merchant"] },
  { path: "/merchants", key: "tabs.merchants", who: ["staff", "merchant"] },
  { path: "/pickups", key: "tabs.pickups", who: ["staff", "enterprise"] },
  { path: "/alerts", key: "tabs.alerts", who: ["staff"] },
  { path: "/cases", key: "tabs.cases", who: ["staff"] },
  { path: "/rules", key: "tabs.rules", who: ["staff"] },
];

function useAudience(): Audience {
  const { viewer } = useViewer();
  const kind = viewer?.org?.kind;
  if (!kind) return "staff";
  return kind === "recycling.merchant" ? "merchant" : "enterprise";
}

function Tabs({ tabs }: { tabs: typeof TABS }) {
  const { t } = useTranslation(NS);
  const loc = useLocation();
  const navigate = useNavigate();
  const current = tabs.filter((x) => (x.path === "/" ? loc.pathname === "/" : loc.pathname.startsWith(x.path))).map((x) => x.path);
  return (
    <Menu
      className="zw-mfe-tabs"
      mode="horizontal"
      selectedKeys={current}
      onClick={({ key }) => navigate(key)}
      items={tabs.map((x) => ({ key: x.path, label: <span data-testid={`tab-${x.path.replace("/", "") || "home"}`}>{t(x.key)}</span> }))}
    />
  );
}

export function ModuleRoutes() {
  const { t } = useTranslation(NS);
  const who = useAudience();
  const tabs = TABS.filter((x) => x.who.includes(who));
  return (
    <>
      <Tabs tabs={tabs} />
      <Routes>
        <Route index element={<HomePage />} />
        <Route path="dashboard" element={<DashboardPage />} />
        <Route path="network" element={<NetworkPage />} />
        <Route path="devices" element={<DevicesPage />} />
        <Route path="prices" element={<PricesPage />} />
        <Route path="cards" element={<CardsPage />} />
        <Route path="merchants" element={<MerchantsPage />} />
        <Route path="pickups" element={<PickupsPage />} />
        <Route path="alerts" element={<AlertsPage />} />
        <Route path="cases" element={<CasesPage />} />
        <Route path="rules" element={<RulesPage />} />
        <Route path="*" element={<Result status="404" title={t("notFound")} />} />
      </Routes>
    </>
  );
}
