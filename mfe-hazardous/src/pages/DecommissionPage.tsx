import { useApolloClient, useMutation } from "@apollo/client/react";
import { errorMessage, useViewer } from "@zw/client";
import { ConnectionTable, DetailDrawer, FilterBar, PageLayout, useTranslation, type FilterValues } from "@zw/ui";
import { Button, Input, List, Space, Steps, Tag, Upload, message } from "antd";
import { useState } from "react";
import { downloadBase64, fileToBase64, useDateFormat } from "../format.js";
import { HzAdvanceStepDocument, HzAttachDocumentDocument, HzDocumentContentDocument, HzProjectsDocument, type DecommissionStep, type HzProjectsQuery } from "../graphql/generated.js";
import { NS } from "../module.js";

type Project = HzProjectsQuery["decommissionProjects"]["edges"][number]["node"];
const STEPS: DecommissionStep[] = ["PLAN_FILED", "DEMOLITION", "SOIL_SURVEY", "TRANSITION"];

/** 印染企业集聚搬迁：退役期污染防治四个步骤（方案备案 → 规范拆除 → 土壤调查 → 新厂过渡），前置步骤未完成不得开始，完成须附材料。 */
export function DecommissionPage() {
  const { t } = useTranslation(NS);
  const fmt = useDateFormat();
  const client = useApolloClient();
  const { viewer } = useViewer();
  const [filters, setFilters] = useState<FilterValues>({});
  const [open, setOpen] = useState<Project | null>(null);
  const [note, setNote] = useState("");
  const [refresh, setRefresh] = useState(0);
  const [advance] = useMutation(HzAdvanceStepDocument);
  const [attach] = useMutation(HzAttachDocumentDocument);
  const canAct = viewer?.role === "STAFF" || viewer?.org?.kind === "hazardous.unit";
  const reload = async (id: string) => {
    setRefresh((x) => x + 1);
    const r = await client.query({ query: HzProjectsDocument, variables: { first: 100 }, fetchPolicy: "network-only" });
    setOpen(r.data?.decommissionProjects.edges.map((e) => e.node).find((p) => p.id === id) ?? null);
  };
  const step = async (p: Project, s: DecommissionStep, action: "start" | "complete") => {
    try {
      const r = await advance({ variables: { input: { id: p.id, step: s, action, note: note || undefined } } });
      const errs = r.data?.advanceDecommissionStep.userErrors ?? [];
      if (errs.length) return void message.error(errs.map((e) => e.message).join("；"));
      message.success(t("common.done"));
      setNote("");
      await reload(p.id);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const upload = async (p: Project, s: DecommissionStep, f: File) => {
    try {
      const r = await attach({ variables: { input: { ownerId: p.id, step: s, fileName: f.name, mimeType: f.type || "application/octet-stream", contentBase64: await fileToBase64(f) } } });
      const errs = r.data?.attachHazardousDocument.userErrors ?? [];
      if (errs.length) return void message.error(errs.map((e) => e.message).join("；"));
      message.success(t("decommission.uploaded"));
      await reload(p.id);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const download = async (id: string) => {
    const r = await client.query({ query: HzDocumentContentDocument, variables: { id }, fetchPolicy: "network-only" });
    const d = r.data?.node;
    if (d && "contentBase64" in d) downloadBase64(d.fileName, d.mimeType, d.contentBase64);
  };
  const current = (p: Project) => {
    const i = p.steps.findIndex((s) => s.status !== "DONE");
    return i < 0 ? STEPS.length : i;
  };
  return (
    <PageLayout
      title={t("decommission.title")}
      subtitle={t("decommission.subtitle")}
      testId="hz-decommission"
      filters={
        <FilterBar
          value={filters}
          onChange={setFilters}
          fields={[
            { name: "currentStep", label: t("decommission.currentStep"), type: "select", options: STEPS.map((s) => ({ value: s, label: t(`step.${s}`) })) },
            { name: "completed", label: t("decommission.completed"), type: "select", options: [{ value: "yes", label: t("common.yes") }, { value: "no", label: t("common.no") }] },
          ]}
        />
      }
    >
      <ConnectionTable
        testId="hz-projects-table"
        query={HzProjectsDocument}
        refreshToken={refresh}
        variables={{ filter: { currentStep: (filters.currentStep as DecommissionStep | undefined) ?? undefined, completed: filters.completed === "yes" ? true : filters.completed === "no" ? false : undefined } }}
        select={(d) => d.decommissionProjects}
        onRowClick={setOpen}
        columns={[
          { title: t("decommission.enterprise"), key: "u", render: (_: unknown, p: Project) => p.unit.name },
          { title: t("decommission.progress"), key: "s", render: (_: unknown, p: Project) => <Steps size="small" current={current(p)} items={STEPS.map((s) => ({ title: t(`step.${s}`) }))} style={{ minWidth: 520 }} /> },
          { title: t("decommission.status"), key: "c", render: (_: unknown, p: Project) => (p.completed ? <Tag color="green">{t("decommission.done")}</Tag> : <Tag color="processing">{t(`step.${p.currentStep}`, { defaultValue: t("decommission.notStarted") })}</Tag>) },
          { title: t("decommission.newSite"), dataIndex: "newSite", key: "n" },
        ]}
      />
      <DetailDrawer open={!!open} onClose={() => setOpen(null)} title={open?.unit.name ?? ""} width={720} items={open ? [{ label: t("decommission.oldSite"), value: open.oldSite }, { label: t("decommission.newSite"), value: open.newSite }] : []}>
        {open ? (
          <List
            style={{ marginTop: 16 }}
            data-testid="hz-project-steps"
            dataSource={open.steps}
            renderItem={(s) => {
              const blocked = s.requires.some((r) => open.steps.find((x) => x.step === r)?.status !== "DONE");
              const docs = open.documents.filter((d) => d.step === s.step);
              return (
                <List.Item data-testid={`hz-step-${s.step}`}>
                  <Space orientation="vertical" style={{ width: "100%" }}>
                    <Space>
                      <b>{t(`step.${s.step}`)}</b>
                      <Tag color={s.status === "DONE" ? "green" : s.status === "IN_PROGRESS" ? "processing" : "default"} data-status={s.status}>
                        {t(`stepStatus.${s.status}`)}
                      </Tag>
                      {s.requires.length ? <span style={{ color: "#888" }}>{t("decommission.requires", { steps: s.requires.map((r) => t(`step.${r}`)).join("、") })}</span> : null}
                    </Space>
                    <span style={{ color: "#888" }}>
                      {s.startedAt ? `${t("decommission.started")} ${fmt.date(s.startedAt)}` : ""} {s.completedAt ? `· ${t("decommission.finished")} ${fmt.date(s.completedAt)}` : ""}
                    </span>
                    {docs.map((d) => (
                      <Button key={d.id} type="link" size="small" onClick={() => void download(d.id)}>
                        📄 {d.fileName}
                      </Button>
                    ))}
                    {canAct && s.status !== "DONE" ? (
                      <Space wrap>
                        {s.status === "NOT_STARTED" ? (
                          <Button size="small" type="primary" onClick={() => void step(open, s.step, "start")} data-testid={`hz-step-start-${s.step}`} title={blocked ? t("decommission.blocked") : undefined}>
                            {t("decommission.start")}
                          </Button>
                        ) : (
                          <>
                            <Upload showUploadList={false} beforeUpload={(f) => (void upload(open, s.step, f), false)}>
                              <Button size="small">{t("decommission.attach")}</Button>
                            </Upload>
                            <Button size="small" type="primary" onClick={() => void step(open, s.step, "complete")} data-testid={`hz-step-complete-${s.step}`}>
                              {t("decommission.complete")}
                            </Button>
                          </>
                        )}
                      </Space>
                    ) : null}
                  </Space>
                </List.Item>
              );
            }}
          />
        ) : null}
        {canAct ? <Input.TextArea style={{ marginTop: 8 }} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t("decommission.note")} /> : null}
      </DetailDrawer>
    </PageLayout>
  );
}
