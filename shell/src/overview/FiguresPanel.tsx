/** Every stream's figures for the period, with the change against the same period a year before. */
import { useLanguage, useTranslation } from "@zw/ui";
import { Button, Card, Tag, Tooltip } from "antd";
import { useState } from "react";
import type { OverviewFiguresQuery } from "../graphql/generated.js";
import { AppLink, Change, NS, pick, splitFigures, STREAM_HOME, useShow } from "./common.js";

type StreamFigures = OverviewFiguresQuery["overviewFigures"]["streams"][number];
type Figure = StreamFigures["figures"][number];

export function FigureTile({ f, big = false }: { f: Figure; big?: boolean }) {
  const lng = useLanguage();
  const { t } = useTranslation(NS);
  const show = useShow();
  const v = show(f.value, f.unit);
  const prev = f.previous != null ? show(f.previous, f.unit) : null;
  const title = prev ? t("figures.previous", { value: `${prev.value}${prev.unit ? ` ${prev.unit}` : ""}` }) : t("figures.noPrevious");
  return (
    <AppLink href={f.link} className={`zw-ov-tile${big ? " zw-ov-tile-big" : ""}`} testId={`fig-${f.key}`} title={t("figures.open", { label: pick(lng, f.labelZh, f.labelEn) })}>
      <span className="zw-ov-tile-label">{pick(lng, f.labelZh, f.labelEn)}</span>
      <span className="zw-ov-tile-value" data-testid={`fig-value-${f.key}`} data-value={f.value}>
        {v.value}
        {v.unit ? <small>{v.unit}</small> : null}
      </span>
      <span className="zw-ov-tile-foot">
        {f.previous != null ? (
          <Tooltip title={title}>
            <span>
              {t("figures.yoy")} <Change changePct={f.changePct} />
            </span>
          </Tooltip>
        ) : (
          <span className="zw-ov-muted">{t("figures.stock")}</span>
        )}
      </span>
    </AppLink>
  );
}

function StreamCard({ s }: { s: StreamFigures }) {
  const { t } = useTranslation([NS, "ui"]);
  const [open, setOpen] = useState(false);
  const { headline, more } = splitFigures(s.stream, s.figures);
  return (
    <Card
      size="small"
      className="zw-ov-stream"
      data-testid={`stream-${s.stream}`}
      title={<AppLink href={STREAM_HOME[s.stream] ?? "/"}>{t(`ui:stream.${s.stream}`)}</AppLink>}
      extra={
        more.length ? (
          <Button size="small" type="link" onClick={() => setOpen((o) => !o)} data-testid={`more-${s.stream}`}>
            {open ? t("figures.less") : t("figures.more", { n: more.length })}
          </Button>
        ) : null
      }
    >
      {!s.available ? (
        <Tag color="warning" data-testid={`unavailable-${s.stream}`}>
          {t("figures.unavailable")}
        </Tag>
      ) : (
        <div className="zw-ov-tiles">
          {(open ? [...headline, ...more] : headline).map((f) => (
            <FigureTile key={f.key} f={f} />
          ))}
        </div>
      )}
    </Card>
  );
}

export function FiguresPanel({ streams }: { streams: StreamFigures[] }) {
  return (
    <div className="zw-ov-streams" data-testid="zw-ov-figures">
      {streams.map((s) => (
        <StreamCard key={s.stream} s={s} />
      ))}
    </div>
  );
}
