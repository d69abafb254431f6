import { LogoutOutlined, UserOutlined } from "@ant-design/icons";
import { LanguageSwitch, localName, useLanguage, useTranslation } from "@zw/ui";
import { Avatar, Button, Flex, Space, Tag, Typography } from "antd";
import { navigateToUrl } from "single-spa";
import { useAccess } from "./useAccess.js";

export function TopBar({ onLogout }: { onLogout: () => void }) {
  const { t } = useTranslation(["shell", "ui"]);
  const lng = useLanguage();
  const access = useAccess();
  const viewer = access.status === "ready" ? access.viewer : null;
  return (
    <header className="zw-topbar" data-testid="zw-topbar" style={{ background: "#0d3d73", color: "#fff", display: "flex", alignItems: "center", padding: "0 16px", gap: 16 }}>
      <a
        href="/"
        onClick={(e) => {
          e.preventDefault();
          navigateToUrl("/");
        }}
        style={{ color: "#fff", fontSize: 18, fontWeight: 600, whiteSpace: "nowrap" }}
        data-testid="zw-home-link"
      >
        {t("shell:title")}
      </a>
      <Flex flex={1} />
      {viewer ? (
        <Space size={12} wrap data-testid="zw-user-box">
          <Avatar size="small" icon={<UserOutlined />} style={{ background: "#2f7bc8" }} />
          <Typography.Text style={{ color: "#fff" }} data-testid="zw-user-name">
            {viewer.user?.displayName ?? viewer.user?.username}
          </Typography.Text>
          {viewer.role ? <Tag color="blue">{t(`ui:role.${viewer.role}`)}</Tag> : null}
          {viewer.department ? (
            <Tag color="geekblue" data-testid="zw-user-department">
              {localName(viewer.department, lng)}
            </Tag>
          ) : null}
          <Tag color="cyan" data-testid="zw-user-district">
            {viewer.district ? localName(viewer.district, lng) : t("shell:cityLevel")}
          </Tag>
        </Space>
      ) : null}
      <LanguageSwitch />
      <Button size="small" icon={<LogoutOutlined />} onClick={onLogout} data-testid="zw-logout">
        {t("shell:logout")}
      </Button>
    </header>
  );
}
