/** The overview application at /: the page, the big screen (?screen=big) or the briefing (?briefing=YYYY-MM). */
import { BigScreen } from "./BigScreen.js";
import { BriefingPage } from "./BriefingPage.js";
import { OverviewPage } from "./OverviewPage.js";
import { useOverviewState } from "./url-state.js";

export function OverviewApp() {
  const s = useOverviewState();
  if (s.mode === "big") return <BigScreen />;
  if (s.mode === "briefing" && s.briefing) return <BriefingPage month={s.briefing} />;
  return <OverviewPage state={s} />;
}
