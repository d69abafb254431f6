import { useMutation } from "@apollo/client/react";
import { canWrite, errorMessage, useViewer } from "@zw/client";
import { useQuery } from "@apollo/client/react";
import { ApiForm, ConnectionTable, ExportButton, FilterBar, PageLayout, StatusTag, localName, useLanguage, useTranslation, type FilterValues } from "@zw/ui";
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Select, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { num, useDateFormat, useReference } from "../format.js";
import { RecyclingDevicesDocument, RecyclingRegisterDeviceDocument, RecyclingRotateDeviceKeyDocument, RecyclingStationPointsDocument, RecyclingSetDeviceActiveDocument, type RecyclingDeviceKind, type RecyclingDevicesQuery } from "../graphql/generated.js";
import { NS } from "../module.js";

type Device = RecyclingDevicesQuery["recyclingDevices"]["edges"][number]["node"];
const KINDS: RecyclingDeviceKind[] = ["SMART_SCALE", "SMART_BIN", "WEIGHBRIDGE"];

/** 设备：智能秤、智能回收箱、地磅，最近上传时间，离线筛选；更换密钥（只显示一次）、停用。 */
export function DevicesPage() {
  const { t } = useTranslation(NS);
  const lng = useLanguage();
  const fmt = useDateFormat();
  const { message } = App.useApp();
  const { viewer } = useViewer();
  const { districtOptions } = useReference();
  const [filters, setFilters] = useState<FilterValues>({});
  const [refresh, setRefresh] = useState(0);
  const [secret, setSecret] = useState<{ code: string; secret: string } | null>(null);
  const [registering, setRegistering] = useState(false);
  const [rotate] = useMutation(RecyclingRotateDeviceKeyDocument);
  const [setActive] = useMutation(RecyclingSetDeviceActiveDocument);
  const writable = canWrite(viewer, "recycling") && (!viewer?.org || viewer.org.kind === "recycling.enterprise");
  const filter = {
    districtId: filters.districtId as string | undefined,
    kind: filters.kind as RecyclingDeviceKind | undefined,
    silent: filters.state === "silent" ? true : filters.state === "online" ? false : undefined,
    search: filters.search as string | undefined,
  };
  const onRotate = async (d: Device) => {
    try {
      const r = (await rotate({ variables: { id: d.id } })).data?.rotateRecyclingDeviceKey;
      if (r?.secret) setSecret({ code: d.code, secret: r.secret });
      else message.error(r?.userErrors[0]?.message ?? t("common.failed"));
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const onActive = async (d: Device, active: boolean) => {
    try {
      const r = (await setActive({ variables: { id: d.id, active } })).data?.setRecyclingDeviceActive;
      if (r?.userErrors.length) message.error(r.userErrors[0]!.message);
      setRefresh((x) => x + 1);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  return (
    <PageLayout
      title={t("devices.title")}
      subtitle={t("devices.subtitle")}
      testId="rec-devices"
      extra={
        <Space>
          {writable ? (
            <Button type="primary" onClick={() => setRegistering(true)} data-testid="rec-device-new">
              {t("devices.register")}
            </Button>
          ) : null}
          <ExportButton name="recycling.devices" filter={{ districtId: filter.districtId, kind: filter.kind }} />
        </Space>
      }
      filters={
        <FilterBar
          value={filters}
          onChange={setFilters}
          fields={[
            { name: "search", label: t("devices.code"), type: "text" },
            { name: "districtId", label: t("common.district"), type: "select", options: districtOptions },
            { name: "kind", label: t("devices.kind"), type: "select", options: KINDS.map((k) => ({ value: k, label: t(`deviceKind.${k}`) })) },
            { name: "state", label: t("devices.state"), type: "select", options: [{ value: "silent", label: t("devices.silent") }, { value: "online", label: t("devices.online") }] },
          ]}
        />
      }
    >
      <ConnectionTable
        testId="rec-devices-table"
        query={RecyclingDevicesDocument}
        variables={{ filter }}
        refreshToken={refresh}
        select={(d) => d.recyclingDevices}
        columns={[
          { title: t("devices.code"), dataIndex: "code", key: "code", render: (v: string) => <code>{v}</code> },
          { title: t("devices.kind"), dataIndex: "kind", key: "kind", render: (k: string) => t(`deviceKind.${k}`) },
          { title: t("devices.station"), key: "station", render: (_: unknown, d: Device) => d.station.name },
          { title: t("common.district"), key: "district", render: (_: unknown, d: Device) => localName(d.district, lng) },
          { title: t("devices.lastSeen"), dataIndex: "lastSeenAt", key: "seen", render: fmt.dateTime },
          { title: t("devices.lastRecord"), dataIndex: "lastRecordAt", key: "rec", render: fmt.dateTime },
          { title: t("devices.lastSeq"), dataIndex: "lastSeq", key: "seq", align: "right", render: (v: string | null) => num(v) },
          { title: t("devices.records"), dataIndex: "recordsTotal", key: "n", align: "right", render: (v: number) => num(v) },
          { title: t("devices.state"), key: "state", render: (_: unknown, d: Device) => (d.silent ? <Tag color="red" data-testid="rec-device-silent">{t("devices.silent")}</Tag> : <StatusTag status={d.status} />) },
          ...(writable
            ? [
                {
                  title: t("common.actions"),
                  key: "actions",
                  render: (_: unknown, d: Device) => (
                    <Space>
                      <Popconfirm title={t("devices.rotateConfirm")} onConfirm={() => void onRotate(d)}>
                        <Button size="small" disabled={d.status !== "ACTIVE"}>{t("devices.rotate")}</Button>
                      </Popconfirm>
                      <Popconfirm title={d.status === "ACTIVE" ? t("devices.deactivateConfirm") : t("devices.activateConfirm")} onConfirm={() => void onActive(d, d.status !== "ACTIVE")}>
                        <Button size="small" danger={d.status === "ACTIVE"}>{d.status === "ACTIVE" ? t("devices.deactivate") : t("devices.activate")}</Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal open={registering} title={t("devices.register")} footer={null} onCancel={() => setRegistering(false)} destroyOnHidden>
        <RegisterForm
          onDone={(code, key) => {
            setRegistering(false);
            setRefresh((x) => x + 1);
            setSecret({ code, secret: key });
          }}
        />
      </Modal>
      <Modal open={!!secret} title={t("devices.newKey", { code: secret?.code ?? "" })} onOk={() => setSecret(null)} onCancel={() => setSecret(null)} cancelButtonProps={{ style: { display: "none" } }}>
        <Alert type="warning" showIcon message={t("devices.secretOnce")} style={{ marginBottom: 12 }} />
        <Typography.Paragraph copyable code data-testid="rec-device-secret">
          {secret?.secret}
        </Typography.Paragraph>
        <Typography.Text type="secondary">{t("devices.howToIngest")}</Typography.Text>
      </Modal>
    </PageLayout>
  );
}

/** 注册设备：选站点、类型、序列号；签发的密钥只显示一次。 */
function RegisterForm({ onDone }: { onDone: (code: string, secret: string) => void }) {
  const { t } = useTranslation(NS);
  const stations = useQuery(RecyclingStationPointsDocument, { variables: {} });
  const [register] = useMutation(RecyclingRegisterDeviceDocument);
  return (
    <ApiForm<{ stationId: string; kind: RecyclingDeviceKind; code: string; vendor?: string }>
      initialValues={{ kind: "SMART_SCALE" }}
      onSubmit={async (v) => {
        const r = (await register({ variables: { input: { ...v, code: v.code.trim(), vendor: v.vendor?.trim() || undefined } } })).data?.registerRecyclingDevice;
        if (r?.device && r.secret) onDone(r.device.code, r.secret);
        return r;
      }}
    >
      <Form.Item name="stationId" label={t("devices.station")} rules={[{ required: true }]}>
        <Select
          showSearch
          optionFilterProp="label"
          data-testid="rec-device-station"
          options={(stations.data?.recyclingStationPoints ?? []).map((s) => ({ value: s.id, label: `${s.name} · ${t(`stationKind.${s.kind}`)}` }))}
        />
      </Form.Item>
      <Form.Item name="kind" label={t("devices.kind")} rules={[{ required: true }]}>
        <Select options={KINDS.map((k) => ({ value: k, label: t(`deviceKind.${k}`) }))} />
      </Form.Item>
      <Form.Item name="code" label={t("devices.code")} rules={[{ required: true }, { pattern: /^[A-Za-z0-9._-]{2,40}$/, message: t("merchants.codeRule") }]}>
        <Input maxLength={40} data-testid="rec-device-code" />
      </Form.Item>
      <Form.Item name="vendor" label={t("devices.vendor")}>
        <Input maxLength={80} />
      </Form.Item>
    </ApiForm>
  );
}
