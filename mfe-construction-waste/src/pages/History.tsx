import { useTranslation } from "@zw/ui";
import { Timeline, Typography } from "antd";
import { NS } from "../module.js";
import { useFormat } from "../format.js";

/** A record's change history (audit entries), newest first. */
export function History({ entries }: { entries: readonly { id: string; at: string; actor: string; action: string }[] | undefined }) {
  const { t } = useTranslation(NS);
  const f = useFormat();
  return (
    <div style={{ marginTop: 16 }} data-testid="cw-history">
      <Typography.Title level={5}>{t("common.history")}</Typography.Title>
      <Timeline items={(entries ?? []).map((e) => ({ key: e.id, children: `${f.time(e.at)} · ${t(`action.${e.action}`, { defaultValue: e.action })} · ${e.actor}` }))} />
    </div>
  );
}
