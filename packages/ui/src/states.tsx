import { Button, Empty, Result, Spin } from "antd";
import { errorMessage } from "@zw/client";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

export function LoadingState({ tip, testId = "zw-loading" }: { tip?: string; testId?: string }) {
  const { t } = useTranslation("ui");
  return (
    <div data-testid={testId} role="status" style={{ display: "flex", justifyContent: "center", padding: 48 }}>
      <Spin description={tip ?? t("state.loading")}>
        <div style={{ width: 120, height: 40 }} />
      </Spin>
    </div>
  );
}

export function EmptyState({ description, children }: { description?: ReactNode; children?: ReactNode }) {
  const { t } = useTranslation("ui");
  return (
    <Empty data-testid="zw-empty" description={description ?? t("state.empty")}>
      {children}
    </Empty>
  );
}

export function ErrorState({ error, title, onRetry }: { error?: unknown; title?: ReactNode; onRetry?: () => void }) {
  const { t } = useTranslation("ui");
  return (
    <Result
      data-testid="zw-error"
      status="warning"
      title={title ?? t("state.error")}
      subTitle={error ? errorMessage(error) : undefined}
      extra={
        onRetry ? (
          <Button type="primary" onClick={onRetry} data-testid="zw-retry">
            {t("state.retry")}
          </Button>
        ) : undefined
      }
    />
  );
}

/** Loading / error / empty / content, in that order. */
export function QueryState({
  loading,
  error,
  empty,
  onRetry,
  children,
}: {
  loading: boolean;
  error?: unknown;
  empty?: boolean;
  onRetry?: () => void;
  children: ReactNode;
}) {
  if (loading) return <LoadingState />;
  if (error) return <ErrorState error={error} onRetry={onRetry} />;
  if (empty) return <EmptyState />;
  return <>{children}</>;
}
