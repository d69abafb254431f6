/**
 * @zw/ui — the platform's design system on Ant Design (shared through the import map).
 * Charts and the district map: @zw/ui/charts; pages use the deferred ones exported here (ECharts is
 * fetched when a chart first renders).
 */
export { i18n, registerMessages, setLanguage, getLanguage, useLanguage, localName, localLabel, useTranslation, LANGUAGES, DEFAULT_LANGUAGE, LANGUAGE_STORAGE_KEY, type Language, type Catalogues } from "./i18n.js";
export { ZwProviders, zwTheme } from "./providers.js";
export { PageLayout } from "./layout.js";
export { LoadingState, EmptyState, ErrorState, QueryState } from "./states.js";
export { ConnectionTable, mergeConnections, type Connection, type ConnectionTableProps, type PageVariables } from "./connection-table.js";
export { FilterBar, type FilterField, type FilterValues } from "./filter-bar.js";
export { DetailDrawer, type DetailItem } from "./detail-drawer.js";
export { ApiForm, applyApiErrors, fieldPath } from "./api-form.js";
export { StatusTag } from "./status-tag.js";
export { ExportButton, runExport, isMissingExportApi, type ExportOutcome } from "./export-button.js";
export { ErrorBoundary } from "./error-boundary.js";
export { LanguageSwitch } from "./language-switch.js";
export { ViewerSummary } from "./viewer-summary.js";
export { Sparkline } from "./sparkline.js";
export { defineModule, mountStandalone, useDocumentTitle, type ModuleDefinition, type ModuleLifecycles } from "./module.js";
export { LoginGate, LoginForm } from "./login-gate.js";
export { StreamAlertsPage, type StreamAlert } from "./stream/StreamAlertsPage.js";
export { StreamCasesPage, type StreamCase } from "./stream/StreamCasesPage.js";
export { BarChart, LineChart, PieChart, DistrictMap } from "./lazy-charts.js";
