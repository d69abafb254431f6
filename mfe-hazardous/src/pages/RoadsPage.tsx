import { useMutation } from "@apollo/client/react";
import { canWrite, useViewer } from "@zw/client";
import { ApiForm, ConnectionTable, FilterBar, PageLayout, useLanguage, useTranslation, type FilterValues } from "@zw/ui";
import { Button, Drawer, Form, Input, InputNumber, Select, Space, Switch, Tag } from "antd";
import { useState } from "react";
import { districtName, useDateFormat, useDistrictOptions } from "../format.js";
import { HzCreateSegmentDocument, HzSegmentListDocument, HzUpdateSegmentDocument, type HzSegmentListQuery } from "../graphql/generated.js";
import { NS } from "../module.js";

type Seg = HzSegmentListQuery["roadSegmentList"]["edges"][number]["node"];

/** "120.58,29.99\n120.58,30.01" (one point a line, longitude first) → [[120.58, 29.99], [120.58, 30.01]]; null when malformed. */
export function parseLineText(text: string): [number, number][] | null {
  const pts = text
    .split(/[\n;]+/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => l.split(/[\s,，]+/).map(Number));
  if (pts.length < 2 || pts.some((p) => p.length !== 2 || p.some((x) => !Number.isFinite(x)) || Math.abs(p[0]!) > 180 || Math.abs(p[1]!) > 90)) return null;
  return pts as [number, number][];
}

export const lineText = (line: unknown): string => (Array.isArray(line) ? (line as [number, number][]).map(([x, y]) => `${x},${y}`).join("\n") : "");

/** 分段限速路段与禁行路段：列表（分页、按类型和启用筛选），新建、修改线形/限速、设为禁行、停用。 */
export function RoadsPage() {
  const { t } = useTranslation(NS);
  const lng = useLanguage();
  const fmt = useDateFormat();
  const { viewer } = useViewer();
  const [filters, setFilters] = useState<FilterValues>({ active: "yes" });
  const [editing, setEditing] = useState<Seg | "new" | null>(null);
  const [refresh, setRefresh] = useState(0);
  const writable = canWrite(viewer, "hazardous") && !viewer?.org;
  const filter = {
    restricted: filters.kind === "restricted" ? true : filters.kind === "limit" ? false : undefined,
    active: filters.active === "yes" ? true : filters.active === "no" ? false : undefined,
    search: (filters.search as string | undefined) ?? undefined,
  };
  return (
    <PageLayout
      title={t("roads.title")}
      subtitle={t("roads.subtitle")}
      testId="hz-roads"
      extra={
        writable ? (
          <Button type="primary" data-testid="hz-segment-new" onClick={() => setEditing("new")}>
            {t("roads.new")}
          </Button>
        ) : null
      }
      filters={
        <FilterBar
          value={filters}
          onChange={setFilters}
          fields={[
            { name: "search", label: t("roads.name"), type: "text" },
            { name: "kind", label: t("roads.kind"), type: "select", options: [{ value: "limit", label: t("roads.speedLimited") }, { value: "restricted", label: t("roads.restricted") }] },
            { name: "active", label: t("roads.active"), type: "select", options: [{ value: "yes", label: t("common.yes") }, { value: "no", label: t("common.no") }] },
          ]}
        />
      }
    >
      <ConnectionTable
        testId="hz-segments-table"
        query={HzSegmentListDocument}
        variables={{ filter }}
        refreshToken={refresh}
        select={(d) => d.roadSegmentList}
        columns={[
          { title: t("roads.name"), dataIndex: "name", key: "name" },
          { title: t("roads.kind"), key: "kind", render: (_: unknown, s: Seg) => (s.restricted ? <Tag color="red" data-testid="hz-segment-restricted">{t("roads.restricted")}</Tag> : <Tag color="blue">{t("roads.speedLimited")}</Tag>) },
          { title: t("roads.limit"), dataIndex: "speedLimitKmh", key: "limit", align: "right", render: (v: number, s: Seg) => (s.restricted ? "—" : `${v} km/h`) },
          { title: t("roads.buffer"), dataIndex: "bufferM", key: "buffer", align: "right", render: (v: number) => `${v} m` },
          { title: t("roads.points"), key: "pts", align: "right", render: (_: unknown, s: Seg) => (Array.isArray(s.line) ? s.line.length : 0) },
          { title: t("common.district"), key: "d", render: (_: unknown, s: Seg) => (s.district ? districtName(s.district, lng) : t("roads.cityWide")) },
          { title: t("roads.active"), key: "a", render: (_: unknown, s: Seg) => (s.active ? t("common.yes") : <Tag data-testid="hz-segment-retired">{t("roads.retired")}</Tag>) },
          { title: t("roads.updatedAt"), dataIndex: "updatedAt", key: "u", render: fmt.dateTime },
          ...(writable
            ? [
                {
                  title: "",
                  key: "act",
                  render: (_: unknown, s: Seg) => (
                    <Button size="small" data-testid="hz-segment-edit" onClick={() => setEditing(s)}>
                      {t("registers.editAction")}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Drawer open={!!editing} title={editing === "new" ? t("roads.new") : t("roads.edit")} onClose={() => setEditing(null)} size={560} destroyOnHidden>
        {editing ? (
          <SegmentForm
            segment={editing === "new" ? null : editing}
            onDone={() => {
              setEditing(null);
              setRefresh((x) => x + 1);
            }}
          />
        ) : null}
      </Drawer>
    </PageLayout>
  );
}

type SegValues = { name: string; districtId?: string; speedLimitKmh: number; bufferM?: number; restricted?: boolean; active?: boolean; line: string };

export function SegmentForm({ segment, onDone }: { segment: Seg | null; onDone: () => void }) {
  const { t } = useTranslation(NS);
  const { viewer } = useViewer();
  const own = viewer?.district?.id;
  const districts = useDistrictOptions().filter((d) => !own || d.value === own);
  const [create] = useMutation(HzCreateSegmentDocument);
  const [update] = useMutation(HzUpdateSegmentDocument);
  return (
    <ApiForm<SegValues>
      initialValues={
        segment
          ? { name: segment.name, speedLimitKmh: segment.speedLimitKmh, bufferM: segment.bufferM, restricted: segment.restricted, active: segment.active, line: lineText(segment.line), districtId: segment.district?.id }
          : { speedLimitKmh: 60, bufferM: 30, restricted: false, districtId: own }
      }
      onSubmit={async (v) => {
        const line = parseLineText(v.line);
        if (segment)
          return (await update({ variables: { input: { id: segment.id, name: v.name, speedLimitKmh: v.speedLimitKmh, bufferM: v.bufferM, restricted: !!v.restricted, active: !!v.active, line } } })).data?.updateRoadSegment;
        return (await create({ variables: { input: { name: v.name, districtId: v.districtId || undefined, speedLimitKmh: v.speedLimitKmh, bufferM: v.bufferM, restricted: !!v.restricted, line } } })).data?.createRoadSegment;
      }}
      onSuccess={onDone}
    >
      <Form.Item name="name" label={t("roads.name")} rules={[{ required: true }]}>
        <Input data-testid="hz-segment-name" />
      </Form.Item>
      {segment ? null : (
        <Form.Item name="districtId" label={t("common.district")} rules={own ? [{ required: true }] : []} extra={own ? undefined : t("roads.cityWideHint")}>
          <Select allowClear options={districts} />
        </Form.Item>
      )}
      <Form.Item name="restricted" label={t("roads.restricted")} valuePropName="checked" extra={t("roads.restrictedHint")}>
        <Switch data-testid="hz-segment-restricted-switch" />
      </Form.Item>
      <Space>
        <Form.Item name="speedLimitKmh" label={t("roads.limit")} rules={[{ required: true, type: "number", min: 5, max: 130 }]}>
          <InputNumber min={5} max={130} suffix="km/h" data-testid="hz-segment-limit" />
        </Form.Item>
        <Form.Item name="bufferM" label={t("roads.buffer")} rules={[{ type: "number", min: 5, max: 200 }]}>
          <InputNumber min={5} max={200} suffix="m" />
        </Form.Item>
      </Space>
      <Form.Item
        name="line"
        label={t("roads.line")}
        extra={t("roads.lineHint")}
        rules={[{ required: true }, { validator: async (_, v: string) => (!v || parseLineText(v) ? undefined : Promise.reject(new Error(t("roads.lineInvalid")))) }]}
      >
        <Input.TextArea rows={5} data-testid="hz-segment-line" placeholder={"120.5806,29.9905\n120.5812,30.0021"} />
      </Form.Item>
      {segment ? (
        <Form.Item name="active" label={t("roads.active")} valuePropName="checked">
          <Switch data-testid="hz-segment-active" />
        </Form.Item>
      ) : null}
    </ApiForm>
  );
}
