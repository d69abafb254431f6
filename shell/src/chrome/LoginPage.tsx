import { LanguageSwitch, LoginForm, useTranslation } from "@zw/ui";
import { Card, Flex, Typography } from "antd";

export function LoginPage() {
  const { t } = useTranslation("shell");
  return (
    <div className="zw-login" data-testid="zw-login-page" style={{ minHeight: "100vh", display: "flex", flexDirection: "column", background: "linear-gradient(160deg, #0d3d73 0%, #1456a0 55%, #2f7bc8 100%)" }}>
      <Flex justify="flex-end" style={{ padding: 16 }}>
        <LanguageSwitch />
      </Flex>
      <Flex vertical align="center" justify="center" style={{ flex: 1, padding: 16 }}>
        <Typography.Title level={2} style={{ color: "#fff", marginBottom: 4, textAlign: "center" }}>
          {t("title")}
        </Typography.Title>
        <Typography.Text style={{ color: "rgba(255,255,255,0.8)", marginBottom: 24 }}>{t("subtitle")}</Typography.Text>
        <Card style={{ width: 380, maxWidth: "100%" }} title={t("login.heading")}>
          <Typography.Paragraph type="secondary">{t("login.hint")}</Typography.Paragraph>
          <LoginForm />
        </Card>
      </Flex>
      <Typography.Text style={{ color: "rgba(255,255,255,0.7)", textAlign: "center", padding: 16 }}>{t("login.footer")}</Typography.Text>
    </div>
  );
}
