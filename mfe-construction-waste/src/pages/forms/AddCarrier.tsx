import { useMutation, useQuery } from "@apollo/client/react";
import { useTranslation } from "@zw/ui";
import { App as AntApp, Button, Select, Space } from "antd";
import { useState } from "react";
import { CwAddSiteCarrierDocument, CwCompanyOptionsDocument } from "../../graphql/generated.js";
import { NS } from "../../module.js";

/** 指定承运企业：为工地添加一家运输企业（计入企业"服务工地"与运力匹配）。 */
export function AddCarrier({ siteId, exclude, onDone }: { siteId: string; exclude: readonly string[]; onDone: () => void }) {
  const { t } = useTranslation(NS);
  const { message } = AntApp.useApp();
  const [search, setSearch] = useState<string>();
  const [companyId, setCompanyId] = useState<string>();
  const [busy, setBusy] = useState(false);
  const companies = useQuery(CwCompanyOptionsDocument, { variables: { search } });
  const [add] = useMutation(CwAddSiteCarrierDocument);
  const options = (companies.data?.transportCompanies.edges ?? []).filter((e) => !exclude.includes(e.node.id)).map((e) => ({ value: e.node.id, label: e.node.name }));
  return (
    <Space.Compact style={{ width: "100%", marginTop: 8 }} data-testid="cw-site-add-carrier">
      <Select
        showSearch
        filterOption={false}
        placeholder={t("sites.addCarrier")}
        value={companyId}
        onChange={setCompanyId}
        onSearch={(s) => setSearch(s || undefined)}
        options={options}
        style={{ flex: 1 }}
        data-testid="cw-site-carrier-select"
      />
      <Button
        type="primary"
        disabled={!companyId}
        loading={busy}
        data-testid="cw-site-carrier-add"
        onClick={async () => {
          if (!companyId) return;
          setBusy(true);
          try {
            const r = await add({ variables: { siteId, companyId } });
            const errs = r.data?.addSiteCarrier.userErrors ?? [];
            if (errs.length) message.error(errs.map((e) => e.message).join("；"));
            else {
              message.success(t("common.saved"));
              setCompanyId(undefined);
              onDone();
            }
          } finally {
            setBusy(false);
          }
        }}
      >
        {t("sites.addCarrierButton")}
      </Button>
    </Space.Compact>
  );
}
