import { useMutation } from "@apollo/client/react";
import { ApiForm, useTranslation } from "@zw/ui";
import { Form, Input, Select, Space, Switch } from "antd";
import { useDistricts } from "../../format.js";
import { CwCreateCompanyDocument, CwUpdateCompanyDocument } from "../../graphql/generated.js";
import { NS } from "../../module.js";

export interface CompanyValues {
  name: string;
  creditCode?: string;
  districtId?: string;
  address?: string;
  contactName?: string;
  contactPhone?: string;
  qualificationNo: string;
  qualificationValidFrom: string;
  qualificationValidTo: string;
  crossDistrict?: boolean;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const blank = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);

/**
 * 登记或修改运输企业。新登记：统一社会信用代码、区县（登记后不可改）；修改：名称、联系人、资质证号及有效期、跨区承运。
 * With `companyId` the form edits; without it registers. `initial` fills the fields (e.g. the current record).
 */
export function CompanyForm({ companyId, initial, onDone }: { companyId?: string; initial?: Partial<CompanyValues>; onDone: (id: string | undefined) => void }) {
  const { t } = useTranslation(NS);
  const { options: districts } = useDistricts();
  const [create] = useMutation(CwCreateCompanyDocument);
  const [update] = useMutation(CwUpdateCompanyDocument);
  const editing = !!companyId;
  return (
    <ApiForm<CompanyValues & Record<string, unknown>>
      initialValues={{ crossDistrict: false, ...initial }}
      submitText={editing ? t("common.save") : t("companies.new")}
      onSubmit={async (v) => {
        const common = { name: v.name.trim(), address: blank(v.address), contactName: blank(v.contactName), contactPhone: blank(v.contactPhone), qualificationNo: v.qualificationNo.trim(), qualificationValidFrom: v.qualificationValidFrom, qualificationValidTo: v.qualificationValidTo, crossDistrict: !!v.crossDistrict };
        if (editing) return (await update({ variables: { input: { id: companyId, ...common } } })).data?.updateTransportCompany;
        return (await create({ variables: { input: { ...common, creditCode: (v.creditCode ?? "").trim().toUpperCase(), districtId: v.districtId ?? "" } } })).data?.createTransportCompany;
      }}
      onSuccess={(p) => onDone((p as { company?: { id: string } | null } | undefined)?.company?.id)}
    >
      <Form.Item name="name" label={t("common.name")} rules={[{ required: true, min: 2, message: t("form.required") }]}>
        <Input data-testid="cw-company-name" maxLength={100} />
      </Form.Item>
      {editing ? null : (
        <>
          <Form.Item name="creditCode" label={t("companies.creditCode")} rules={[{ required: true, len: 18, message: t("form.creditCode") }]}>
            <Input data-testid="cw-company-creditCode" maxLength={18} />
          </Form.Item>
          <Form.Item name="districtId" label={t("common.district")} rules={[{ required: true, message: t("form.required") }]}>
            <Select options={districts} data-testid="cw-company-district" />
          </Form.Item>
        </>
      )}
      <Form.Item name="address" label={t("companies.address")}>
        <Input maxLength={200} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="contactName" label={t("companies.contactName")}>
          <Input data-testid="cw-company-contactName" maxLength={40} />
        </Form.Item>
        <Form.Item name="contactPhone" label={t("companies.contactPhone")}>
          <Input data-testid="cw-company-contactPhone" maxLength={20} />
        </Form.Item>
      </Space>
      <Form.Item name="qualificationNo" label={t("companies.qualificationNo")} rules={[{ required: true, message: t("form.required") }]}>
        <Input data-testid="cw-company-qualificationNo" maxLength={40} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="qualificationValidFrom" label={t("companies.validFrom")} rules={[{ required: true, pattern: DATE, message: t("form.date") }]}>
          <Input type="date" data-testid="cw-company-validFrom" />
        </Form.Item>
        <Form.Item name="qualificationValidTo" label={t("companies.validTo")} rules={[{ required: true, pattern: DATE, message: t("form.date") }]}>
          <Input type="date" data-testid="cw-company-validTo" />
        </Form.Item>
      </Space>
      <Form.Item name="crossDistrict" label={t("companies.crossDistrict")} valuePropName="checked">
        <Switch />
      </Form.Item>
    </ApiForm>
  );
}
