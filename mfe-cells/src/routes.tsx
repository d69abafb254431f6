/**
 * The module's pages. To add one: create src/pages/XPage.tsx, add a <Route> here and a tab in TABS
 * (label key in src/i18n/*.json). Tabs show by role: a unit's account sees its own applications, the
 * academy and the enquiries; staff and leadership see everything they may read.
 * `/faq` (FAQ, question form, answer look-up) and `/academy` use only public API fields: they are the
 * manifest's `publicPaths`, which the shell mounts for visitors who are not signed in (only the tabs for
 * "all" show then). Keep every operation on those pages public (src/pages/public-pages.test.tsx).
 */
import { useTranslation } from "@zw/ui";
import { Menu, Result } from "antd";
import { Route, Routes, useLocation, useNavigate } from "react-router";
import { useRole } from "./common.js";
import { NS } from "./module.js";
import { AcademyPage } from "./pages/AcademyPage.js";
import { AlertsPage } from "./pages/AlertsPage.js";
import { ApplicationsPage } from "./pages/ApplicationsPage.js";
import { CasesPage } from "./pages/CasesPage.js";
import { ConsultationPage } from "./pages/ConsultationPage.js";
import { FaqPage } from "./pages/FaqPage.js";
import { HomePage } from "./pages/HomePage.js";
import { IndexPage } from "./pages/IndexPage.js";
import { IndicatorsPage } from "./pages/IndicatorsPage.js";
import { MapPage } from "./pages/MapPage.js";
import { PublicityPage } from "./pages/PublicityPage.js";
import { TasksPage } from "./pages/TasksPage.js";
import { UnitsPage } from "./pages/UnitsPage.js";

type Audience = "all" | "unit" | "staff" | "tracking" | "overview" | "public";
const TABS: { path: string; key: string; audience: Audience[] }[] = [
  { path: "/", key: "tabs.home", audience: ["unit", "staff", "tracking"] },
  { path: "/applications", key: "tabs.applications", audience: ["unit", "staff"] },
  { path: "/units", key: "tabs.units", audience: ["staff"] },
  { path: "/map", key: "tabs.map", audience: ["staff"] },
  { path: "/indicators", key: "tabs.indicators", audience: ["staff", "tracking"] },
  { path: "/index", key: "tabs.index", audience: ["staff", "overview"] },
  { path: "/tasks", key: "tabs.tasks", audience: ["staff", "tracking"] },
  { path: "/academy", key: "tabs.academy", audience: ["all"] },
  { path: "/consultation", key: "tabs.consultation", audience: ["staff"] },
  { path: "/faq", key: "tabs.faq", audience: ["all"] },
  { path: "/publicity", key: "tabs.publicity", audience: ["staff"] },
  { path: "/alerts", key: "tabs.alerts", audience: ["staff"] },
  { path: "/cases", key: "tabs.cases", audience: ["staff"] },
];

function useAudiences(): Set<Audience> {
  const role = useRole();
  const out = new Set<Audience>(["all", "public"]);
  if (role.isOperator) out.add("unit");
  if (role.reads) out.add("staff");
  if (role.isStaff) out.add("tracking");
  if (role.readsOverview) out.add("overview");
  return out;
}

function Tabs() {
  const { t } = useTranslation(NS);
  const loc = useLocation();
  const navigate = useNavigate();
  const aud = useAudiences();
  const tabs = TABS.filter((x) => x.audience.some((a) => aud.has(a)));
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
  return (
    <>
      <Tabs />
      <Routes>
        <Route index element={<HomePage />} />
        <Route path="applications" element={<ApplicationsPage />} />
        <Route path="units" element={<UnitsPage />} />
        <Route path="map" element={<MapPage />} />
        <Route path="indicators" element={<IndicatorsPage />} />
        <Route path="index" element={<IndexPage />} />
        <Route path="tasks" element={<TasksPage />} />
        <Route path="academy" element={<AcademyPage />} />
        <Route path="consultation" element={<ConsultationPage />} />
        <Route path="faq" element={<FaqPage />} />
        <Route path="publicity" element={<PublicityPage />} />
        <Route path="alerts" element={<AlertsPage />} />
        <Route path="cases" element={<CasesPage />} />
        <Route path="*" element={<Result status="404" title={t("notFound")} />} />
      </Routes>
    </>
  );
}
