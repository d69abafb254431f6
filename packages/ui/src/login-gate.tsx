import { LockOutlined, UserOutlined } from "@ant-design/icons";
import { isAuthenticated, login, onSessionChange } from "@zw/client";
import { Alert, Button, Form, Input } from "antd";
import { useState, useSyncExternalStore, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

/** Username/password form calling `login`; errors from the API are shown by code in the user's language. */
export function LoginForm({ onSuccess }: { onSuccess?: () => void }) {
  const { t } = useTranslation("ui");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const r = await login(v.username.trim(), v.password);
      if (r.ok) onSuccess?.();
      else setError(r.errors.map((e) => t(`login.error.${e.code}`, { defaultValue: e.message })).join("；"));
    } catch {
      setError(t("login.error.NETWORK"));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form layout="vertical" onFinish={submit} data-testid="zw-login-form" requiredMark={false}>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="zw-login-error" /> : null}
      <Form.Item name="username" label={t("login.username")} rules={[{ required: true, message: t("login.required") }]}>
        <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="zw-login-username" />
      </Form.Item>
      <Form.Item name="password" label={t("login.password")} rules={[{ required: true, message: t("login.required") }]}>
        <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="zw-login-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={busy} data-testid="zw-login-submit">
        {t("login.submit")}
      </Button>
    </Form>
  );
}

function useAuthenticated(): boolean {
  return useSyncExternalStore(onSessionChange, isAuthenticated, isAuthenticated);
}

/** Shows the login form until there is a session (standalone module development). */
export function LoginGate({ children }: { children: ReactNode }) {
  const authed = useAuthenticated();
  if (authed) return <>{children}</>;
  return (
    <div style={{ maxWidth: 360, margin: "10vh auto" }}>
      <LoginForm />
    </div>
  );
}
