import { Button, DatePicker, Flex, Form, Input, Select } from "antd";
import type { Dayjs } from "dayjs";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";

export type FilterField =
  | { name: string; label: string; type: "text"; placeholder?: string }
  | { name: string; label: string; type: "select"; options: { value: string; label: string }[]; multiple?: boolean; allowAll?: boolean }
  | { name: string; label: string; type: "dateRange" };

export type FilterValues = Record<string, string | string[] | [string, string] | undefined>;

/**
 * A row of filters. `onChange` gets clean values (empty ones removed; date ranges as ISO strings
 * [from, to)) when the user presses Search, and {} on Reset.
 */
export function FilterBar({ fields, value, onChange }: { fields: FilterField[]; value?: FilterValues; onChange: (v: FilterValues) => void }) {
  const { t } = useTranslation("ui");
  const [form] = Form.useForm();
  useEffect(() => {
    form.resetFields();
  }, [JSON.stringify(value ?? {})]);
  const submit = (raw: Record<string, unknown>) => {
    const out: FilterValues = {};
    for (const f of fields) {
      const v = raw[f.name];
      if (v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0)) continue;
      if (f.type === "dateRange") {
        const [a, b] = v as [Dayjs, Dayjs];
        out[f.name] = [a.startOf("day").toISOString(), b.add(1, "day").startOf("day").toISOString()];
      } else out[f.name] = v as string | string[];
    }
    onChange(out);
  };
  return (
    <Form form={form} layout="inline" onFinish={submit} data-testid="zw-filter-bar" initialValues={{}}>
      {fields.map((f) => (
        <Form.Item key={f.name} name={f.name} label={f.label} style={{ marginBottom: 8 }}>
          {f.type === "text" ? (
            <Input allowClear placeholder={f.placeholder ?? t("filter.placeholder")} style={{ width: 180 }} />
          ) : f.type === "select" ? (
            <Select
              allowClear
              mode={f.multiple ? "multiple" : undefined}
              placeholder={t("filter.select")}
              style={{ minWidth: 160 }}
              options={f.allowAll ? [{ value: "", label: t("filter.all") }, ...f.options] : f.options}
            />
          ) : (
            <DatePicker.RangePicker placeholder={[t("filter.from"), t("filter.to")]} />
          )}
        </Form.Item>
      ))}
      <Flex gap={8} style={{ marginBottom: 8 }}>
        <Button type="primary" htmlType="submit" data-testid="zw-filter-search">
          {t("filter.search")}
        </Button>
        <Button
          onClick={() => {
            form.resetFields();
            onChange({});
          }}
        >
          {t("filter.reset")}
        </Button>
      </Flex>
    </Form>
  );
}
