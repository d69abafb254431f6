import { BrowserRouter } from "react-router";
import { ModuleRoutes } from "./routes.js";

/** The module's root: its own router under its base path (e.g. /cells). */
export function App({ basePath }: { basePath: string }) {
  return (
    <BrowserRouter basename={basePath}>
      <div className="zw-mfe-cells" data-testid="mfe-cells">
        <ModuleRoutes />
      </div>
    </BrowserRouter>
  );
}
