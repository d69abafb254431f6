import { useViewer } from "@zw/client";
import { Descriptions, Skeleton } from "antd";
import { useTranslation } from "react-i18next";
import { localName, useLanguage } from "./i18n.js";
import { ErrorState } from "./states.js";

/** The signed-in user's name, role, department and district (from `me`). */
export function ViewerSummary() {
  const { viewer, loading, error, refetch } = useViewer();
  const { t } = useTranslation("ui");
  const lng = useLanguage();
  if (loading) return <Skeleton active paragraph={{ rows: 2 }} />;
  if (error || !viewer) return <ErrorState error={error} onRetry={() => void refetch()} />;
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, sm: 2, md: 4 }}
      data-testid="zw-viewer-summary"
      items={[
        { key: "user", label: t("viewer.user"), children: <span data-testid="zw-viewer-user">{viewer.user?.displayName ?? "—"}</span> },
        { key: "role", label: t("viewer.role"), children: viewer.role ? t(`role.${viewer.role}`) : "—" },
        { key: "department", label: t("viewer.department"), children: <span data-testid="zw-viewer-department">{viewer.department ? localName(viewer.department, lng) : t("viewer.noDepartment")}</span> },
        { key: "district", label: t("viewer.district"), children: <span data-testid="zw-viewer-district">{viewer.district ? localName(viewer.district, lng) : t("viewer.city")}</span> },
      ]}
    />
  );
}
