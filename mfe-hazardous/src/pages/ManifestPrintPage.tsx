import { useQuery } from "@apollo/client/react";
import { ErrorState, LoadingState, useTranslation } from "@zw/ui";
import { Button, Space } from "antd";
import { Link, useParams } from "react-router";
import { SvgImage } from "../components/SvgImage.js";
import { num, useDateFormat } from "../format.js";
import { HzManifestDocument, HzManifestLabelsDocument, type HzManifestLabelsQuery, type HzManifestQuery } from "../graphql/generated.js";
import { NS } from "../module.js";

type M = Extract<NonNullable<HzManifestQuery["node"]>, { number: string }>;
type L = Extract<NonNullable<HzManifestLabelsQuery["node"]>, { number: string }>;

/** 可打印的转移联单（含二维码）和包装标签（每件一个二维码，HJ 1276-2022 式样）。 */
export function ManifestPrintPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation(NS);
  const fmt = useDateFormat();
  const q = useQuery(HzManifestDocument, { variables: { id } });
  const labels = useQuery(HzManifestLabelsDocument, { variables: { id } });
  const m = q.data?.node as M | null | undefined;
  const l = labels.data?.node as L | null | undefined;
  if (q.loading && !q.data) return <LoadingState />;
  if (!m || !("number" in m)) return <ErrorState error={q.error} title={t("manifests.notFound")} />;
  const step = (action: string) => m.events.find((e) => e.action === action);
  const sign = (action: string) => {
    const e = step(action);
    return e ? `${e.actor} · ${fmt.dateTime(e.at)}` : "";
  };
  return (
    <div className="hz-print" data-testid="hz-print">
      <Space className="hz-no-print" style={{ marginBottom: 16 }}>
        <Button type="primary" onClick={() => window.print()}>
          {t("manifests.printNow")}
        </Button>
        <Link to={`/manifests/${encodeURIComponent(m.id)}`}>{t("common.back")}</Link>
      </Space>
      <div className="hz-sheet">
        <div className="hz-sheet-head">
          <div>
            <h2>{t("print.heading")}</h2>
            <div>
              {t("manifests.number")}：<b data-testid="hz-print-number">{m.number}</b>　{t("manifests.state")}：{t(`state.${m.state}`)}
            </div>
          </div>
          <SvgImage svg={m.qrSvg} alt={m.number} size={120} testId="hz-print-qr" />
        </div>
        <table className="hz-grid">
          <tbody>
            <tr>
              <th colSpan={4}>{t("print.part1")}</th>
            </tr>
            <tr>
              <th>{t("manifests.producer")}</th>
              <td>{m.producer.name}</td>
              <th>{t("manifests.creditCode")}</th>
              <td>{m.producer.creditCode}</td>
            </tr>
            <tr>
              <th>{t("print.address")}</th>
              <td>{m.producer.address}</td>
              <th>{t("print.contact")}</th>
              <td>
                {m.producer.contact} {m.producer.phone}
              </td>
            </tr>
            <tr>
              <th colSpan={4}>{t("manifests.lines")}</th>
            </tr>
            <tr>
              <td colSpan={4}>
                <table className="hz-grid hz-inner">
                  <thead>
                    <tr>
                      <th>#</th>
                      <th>{t("manifests.wasteCode")}</th>
                      <th>{t("manifests.wasteName")}</th>
                      <th>{t("manifests.form")}</th>
                      <th>{t("manifests.characteristics")}</th>
                      <th>{t("manifests.packaging")}</th>
                      <th>{t("manifests.quantityKg")}</th>
                      <th>{t("manifests.receivedKg")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {m.lines.map((x) => (
                      <tr key={x.lineNo}>
                        <td>{x.lineNo}</td>
                        <td>{x.wasteCode}</td>
                        <td>{x.wasteName}</td>
                        <td>{t(`form.${x.physicalForm}`)}</td>
                        <td>{x.characteristics.join("、")}</td>
                        <td>
                          {x.packaging} × {x.packageCount}
                        </td>
                        <td>{num(x.quantityKg)}</td>
                        <td>{num(x.receivedKg)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </td>
            </tr>
            <tr>
              <th>{t("print.producerSign")}</th>
              <td colSpan={3}>{sign("submit")}</td>
            </tr>
            <tr>
              <th colSpan={4}>{t("print.part2")}</th>
            </tr>
            <tr>
              <th>{t("manifests.carrier")}</th>
              <td>{m.carrier.name}</td>
              <th>{t("manifests.permit")}</th>
              <td>{m.carrier.permitNo}</td>
            </tr>
            <tr>
              <th>{t("manifests.vehicle")}</th>
              <td>{m.vehicle?.plate ?? ""}</td>
              <th>{t("manifests.crew")}</th>
              <td>{[m.driver?.name, m.escort?.name].filter(Boolean).join(" / ")}</td>
            </tr>
            <tr>
              <th>{t("manifests.waybill")}</th>
              <td>{m.waybill?.number ?? ""}</td>
              <th>{t("print.carrierSign")}</th>
              <td>{sign("pickUp")}</td>
            </tr>
            <tr>
              <th colSpan={4}>{t("print.part3")}</th>
            </tr>
            <tr>
              <th>{t("manifests.receiver")}</th>
              <td>{m.receiver.name}</td>
              <th>{t("manifests.licence")}</th>
              <td>{m.receiver.licenceNo}</td>
            </tr>
            <tr>
              <th>{t("manifests.receivedKg")}</th>
              <td>
                {num(m.receivedKg)} {m.discrepancyPct ? `（${m.discrepancyPct}%）` : ""}
              </td>
              <th>{t("manifests.method")}</th>
              <td>{m.disposalMethod ?? ""}</td>
            </tr>
            <tr>
              <th>{t("print.receiverSign")}</th>
              <td colSpan={3}>{sign("receive")}</td>
            </tr>
          </tbody>
        </table>
      </div>
      <h3 className="hz-labels-title">{t("print.labels")}</h3>
      <div className="hz-labels" data-testid="hz-labels">
        {(l?.packageLabels ?? []).map((x) => (
          <div className="hz-label" key={x.code} data-testid="hz-label">
            <div className="hz-label-head">{t("print.labelHead")}</div>
            <div className="hz-label-body">
              <div>
                <div>
                  {t("manifests.wasteCode")}：{x.wasteCode}
                </div>
                <div>{x.wasteName.slice(0, 30)}</div>
                <div>
                  {t("manifests.characteristics")}：{x.characteristics.join("、")}
                </div>
                <div>
                  {t("manifests.producer")}：{l?.producer.name}
                </div>
                <div className="hz-label-code">{x.code}</div>
              </div>
              <SvgImage svg={x.qrSvg} alt={x.code} size={84} />
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}
