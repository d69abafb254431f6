import { BrowserRouter } from "react-router";
import { ModuleRoutes } from "./routes.js";

/** The module's root: its own router under its base path (e.g. /construction). */
export function App({ basePath }: { basePath: string }) {
  return (
    <BrowserRouter basename={basePath}>
      <div className="zw-mfe-construction-waste" data-testid="mfe-construction-waste">
        <ModuleRoutes />
      </div>
    </BrowserRouter>
  );
}
