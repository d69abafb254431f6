import { StreamCasesPage } from "@zw/ui";
import { STREAM } from "../module.js";

/** The stream's enforcement cases (core's list, filtered to this stream). */
export function CasesPage() {
  return <StreamCasesPage stream={STREAM} />;
}
