import { useQuery } from "@apollo/client/react";
import { ErrorState, LoadingState, useTranslation } from "@zw/ui";
import { Button, Descriptions } from "antd";
import { useParams } from "react-router";
import { useFormat } from "../format.js";
import { CwPermitDetailDocument } from "../graphql/generated.js";
import { NS } from "../module.js";

/** 可打印的电子准运证：证号、车辆、企业、路线、有效期与核验二维码。 */
export function PermitPrintPage() {
  const { t } = useTranslation(NS);
  const f = useFormat();
  const { id = "" } = useParams();
  const q = useQuery(CwPermitDetailDocument, { variables: { id } });
  const p = q.data?.node && "scanCount" in q.data.node ? q.data.node : null;
  if (q.loading && !q.data) return <LoadingState />;
  if (q.error || !p) return <ErrorState error={q.error ?? new Error(t("permits.notFound"))} />;
  return (
    <div className="cw-print" data-testid="cw-permit-print-page" style={{ maxWidth: 720, margin: "0 auto", padding: 24, background: "#fff" }}>
      <h2 style={{ textAlign: "center" }}>{t("permits.printTitle")}</h2>
      <div style={{ display: "flex", gap: 24, alignItems: "flex-start" }}>
        <Descriptions
          column={1}
          bordered
          size="small"
          style={{ flex: 1 }}
          items={[
            { key: "n", label: t("permits.number"), children: <b data-testid="cw-print-number">{p.number}</b> },
            { key: "v", label: t("vehicles.plate"), children: p.vehicle?.plate },
            { key: "c", label: t("vehicles.company"), children: p.company?.name },
            { key: "s", label: t("permits.site"), children: p.site?.name },
            { key: "d", label: t("permits.place"), children: p.disposalPlace?.name },
            { key: "r", label: t("permits.routeLength"), children: `${p.routeLengthKm} km` },
            { key: "t", label: t("permits.valid"), children: `${f.time(p.validFrom)} ~ ${f.time(p.validTo)}` },
            { key: "st", label: t("common.status"), children: t(`status.${p.status}`) },
          ]}
        />
        {p.qrCode ? (
          <div style={{ textAlign: "center" }}>
            <div style={{ width: 180 }} data-testid="cw-print-qr" dangerouslySetInnerHTML={{ __html: p.qrCode.svg }} />
            <div style={{ fontSize: 12 }}>{t("permits.qrHint")}</div>
          </div>
        ) : null}
      </div>
      <div className="cw-no-print" style={{ marginTop: 24, textAlign: "center" }}>
        <Button onClick={() => window.print()}>{t("permits.printNow")}</Button>
      </div>
    </div>
  );
}
