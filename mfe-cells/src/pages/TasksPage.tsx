import { useMutation, useQuery } from "@apollo/client/react";
import { errorMessage } from "@zw/client";
import { ApiForm, ConnectionTable, DetailDrawer, ExportButton, FilterBar, PageLayout, localName, useLanguage, type FilterValues } from "@zw/ui";
import { Alert, App, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Table, Tag } from "antd";
import { useMemo, useState } from "react";
import { useSearchParams } from "react-router";
import { CellsStatus, currentQuarter, fmtDateTime, useDistrictOptions, useDistricts, useNs, useRole } from "../common.js";
import { CreateTrackingTaskDocument, TaskSummaryDocument, TrackingTasksDocument, TransitionTrackingTaskDocument, type TaskRowFragment, type TrackingTaskAction, type TrackingTaskFilter, type TrackingTaskStatus } from "../graphql/generated.js";

/** A date picker value (dayjs, through antd). */
type DateValue = { format(f: string): string };

const STATUSES: TrackingTaskStatus[] = ["OPEN", "SUBMITTED", "CLOSED", "CANCELLED"];

/** 任务清单: each department's tasks, evidence, closing (销号) by the office, overdue flags. */
export function TasksPage() {
  const { t } = useNs();
  const lng = useLanguage();
  const role = useRole();
  const [params] = useSearchParams();
  const [filter, setFilter] = useState<FilterValues>(() => (params.get("overdue") ? { overdue: "true" } : {}));
  const [refresh, setRefresh] = useState(0);
  const [open, setOpen] = useState<TaskRowFragment | null>(null);
  const [creating, setCreating] = useState(false);
  const { departments } = useDistricts();
  const districtOptions = useDistrictOptions();
  const summary = useQuery(TaskSummaryDocument, { variables: {} });
  const variables = useMemo(() => {
    const f: TrackingTaskFilter = {};
    if (filter.departmentId) f.departmentId = filter.departmentId as string;
    if (filter.districtId) f.districtId = filter.districtId as string;
    if (filter.status) f.status = filter.status as TrackingTaskStatus[];
    if (filter.overdue === "true") f.overdue = true;
    if (filter.year) f.year = Number(filter.year);
    if (filter.search) f.search = filter.search as string;
    return { filter: f };
  }, [filter]);
  const deptOptions = departments.map((d) => ({ value: d.id, label: localName(d, lng) }));

  return (
    <PageLayout
      title={t("tasks.title")}
      subtitle={t("tasks.subtitle")}
      testId="cells-tasks"
      extra={
        <>
          {role.reads ? <ExportButton name="cells.tasks" filter={{ ...variables.filter }} /> : null}
          {role.isOffice ? (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="task-create">
              {t("tasks.create")}
            </Button>
          ) : null}
        </>
      }
      filters={
        <FilterBar
          value={filter}
          onChange={setFilter}
          fields={[
            { name: "departmentId", label: t("common.department"), type: "select", options: deptOptions },
            { name: "districtId", label: t("common.district"), type: "select", options: districtOptions },
            { name: "year", label: t("common.year"), type: "select", options: [2021, 2022, 2023, 2024, 2025, 2026].map((y) => ({ value: String(y), label: String(y) })) },
            { name: "status", label: t("common.status"), type: "select", multiple: true, options: STATUSES.map((s) => ({ value: s, label: s === "CLOSED" ? t("taskStatus.CLOSED") : t(`status.${s}`) })) },
            { name: "overdue", label: t("tasks.overdue"), type: "select", options: [{ value: "true", label: t("tasks.overdueOnly") }] },
            { name: "search", label: t("common.search"), type: "text" },
          ]}
        />
      }
    >
      <Card size="small" title={t("tasks.summaryTitle")}>
        <Table
          size="small"
          pagination={false}
          rowKey={(r) => r.department.id}
          dataSource={[...(summary.data?.trackingTaskSummary ?? [])]}
          loading={summary.loading}
          data-testid="task-summary"
          columns={[
            { title: t("common.department"), render: (_, r) => localName(r.department, lng) },
            { title: t("home.open"), dataIndex: "open", align: "right" },
            { title: t("home.submitted"), dataIndex: "submitted", align: "right" },
            { title: t("home.closed"), dataIndex: "closed", align: "right" },
            { title: t("home.overdue"), dataIndex: "overdue", align: "right", render: (v: number) => (v ? <Tag color="red">{v}</Tag> : 0) },
          ]}
        />
      </Card>
      <ConnectionTable
        query={TrackingTasksDocument}
        variables={variables}
        select={(d) => d.trackingTasks}
        refreshToken={refresh}
        testId="tasks-table"
        onRowClick={setOpen}
        columns={[
          { title: t("tasks.code"), dataIndex: "code" },
          { title: t("tasks.task"), dataIndex: "title", render: (v: string) => <span data-testid="task-title">{v}</span> },
          { title: t("common.department"), render: (_, r: TaskRowFragment) => localName(r.department, lng) },
          { title: t("common.district"), render: (_, r: TaskRowFragment) => (r.district ? localName(r.district, lng) : t("common.cityLevel")) },
          { title: t("tasks.owner"), dataIndex: "owner" },
          { title: t("tasks.deadline"), dataIndex: "deadline", render: (v: string, r: TaskRowFragment) => (r.overdue ? <Tag color="red">{v}</Tag> : v) },
          { title: t("common.status"), render: (_, r: TaskRowFragment) => (r.status === "CLOSED" ? <Tag color="green">{t("taskStatus.CLOSED")}</Tag> : <CellsStatus status={r.status} />) },
        ]}
      />
      {open ? (
        <TaskDrawer
          task={open}
          onClose={() => setOpen(null)}
          onChanged={(t2) => {
            setOpen(t2);
            setRefresh((n) => n + 1);
            void summary.refetch();
          }}
        />
      ) : null}
      {creating ? (
        <CreateTaskModal
          deptOptions={deptOptions}
          districtOptions={districtOptions}
          onClose={() => setCreating(false)}
          onDone={() => {
            setCreating(false);
            setRefresh((n) => n + 1);
            void summary.refetch();
          }}
        />
      ) : null}
    </PageLayout>
  );
}

function TaskDrawer({ task, onClose, onChanged }: { task: TaskRowFragment; onClose: () => void; onChanged: (t: TaskRowFragment) => void }) {
  const { t } = useNs();
  const lng = useLanguage();
  const { message } = App.useApp();
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [move, moving] = useMutation(TransitionTrackingTaskDocument);
  const act = async (action: TrackingTaskAction) => {
    try {
      const r = await move({ variables: { id: task.id, action, text: text || undefined } });
      const p = r.data?.transitionTrackingTask;
      if (p?.userErrors.length) setError(p.userErrors.map((e) => e.message).join("；"));
      else if (p?.task) {
        setError(null);
        setText("");
        message.success(t(`tasks.action.${action}`));
        onChanged(p.task);
      }
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <DetailDrawer
      open
      width={640}
      onClose={onClose}
      title={`${task.code} ${task.title}`}
      items={[
        { label: t("common.status"), value: task.status === "CLOSED" ? <Tag color="green">{t("taskStatus.CLOSED")}</Tag> : <CellsStatus status={task.status} /> },
        { label: t("common.department"), value: localName(task.department, lng) },
        { label: t("common.district"), value: task.district ? localName(task.district, lng) : t("common.cityLevel") },
        { label: t("tasks.owner"), value: task.owner },
        { label: t("tasks.deadline"), value: <Space>{task.deadline}{task.overdue ? <Tag color="red">{t("tasks.overdue")}</Tag> : null}</Space> },
        { label: t("tasks.description"), value: task.description || "—" },
        { label: t("tasks.evidence"), value: task.evidence || "—" },
        ...(task.submittedAt ? [{ label: t("apps.submittedAt"), value: fmtDateTime(task.submittedAt, lng) }] : []),
        ...(task.returnedReason ? [{ label: t("tasks.returned"), value: task.returnedReason }] : []),
        ...(task.closingNote ? [{ label: t("tasks.closingNote"), value: task.closingNote }] : []),
      ]}
    >
      {task.allowedActions.length ? (
        <Space direction="vertical" style={{ width: "100%", marginTop: 16 }}>
          {error ? <Alert type="error" showIcon title={error} data-testid="task-error" /> : null}
          <Input.TextArea rows={3} placeholder={t("tasks.textLabel")} value={text} onChange={(e) => setText(e.target.value)} maxLength={4000} data-testid="task-text" />
          <Space wrap>
            {task.allowedActions.map((a) => (
              <Button key={a} type={a === "close" || a === "submit" ? "primary" : "default"} danger={a === "cancel"} loading={moving.loading} onClick={() => void act(a)} data-testid={`task-${a}`}>
                {t(`tasks.action.${a}`)}
              </Button>
            ))}
          </Space>
        </Space>
      ) : null}
    </DetailDrawer>
  );
}

function CreateTaskModal({ deptOptions, districtOptions, onClose, onDone }: { deptOptions: { value: string; label: string }[]; districtOptions: { value: string; label: string }[]; onClose: () => void; onDone: () => void }) {
  const { t } = useNs();
  const { message } = App.useApp();
  const [create] = useMutation(CreateTrackingTaskDocument);
  return (
    <Modal open title={t("tasks.create")} footer={null} onCancel={onClose} destroyOnHidden>
      <ApiForm
        initialValues={{ year: currentQuarter().year }}
        submitText={t("common.save")}
        onSubmit={async (v: Record<string, unknown>) => {
          const r = await create({
            variables: {
              input: { title: v.title as string, description: (v.description as string) || undefined, departmentId: v.departmentId as string, districtId: (v.districtId as string) || null, owner: v.owner as string, year: v.year as number, deadline: (v.deadline as DateValue).format("YYYY-MM-DD") },
            },
          });
          return r.data?.createTrackingTask;
        }}
        onSuccess={(p) => {
          message.success(t("tasks.created", { code: (p as { task?: { code: string } }).task?.code ?? "" }));
          onDone();
        }}
      >
        <Form.Item name="title" label={t("tasks.task")} rules={[{ required: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="description" label={t("tasks.description")}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Form.Item name="departmentId" label={t("common.department")} rules={[{ required: true }]}>
          <Select options={deptOptions} />
        </Form.Item>
        <Form.Item name="districtId" label={t("common.district")}>
          <Select allowClear placeholder={t("common.cityLevel")} options={districtOptions} />
        </Form.Item>
        <Form.Item name="owner" label={t("tasks.owner")} rules={[{ required: true }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Space>
          <Form.Item name="year" label={t("common.year")} rules={[{ required: true }]}>
            <InputNumber min={2020} max={2035} />
          </Form.Item>
          <Form.Item name="deadline" label={t("tasks.deadline")} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
        </Space>
      </ApiForm>
    </Modal>
  );
}
