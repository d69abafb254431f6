import { Card, Flex, Typography } from "antd";
import type { ReactNode } from "react";

/** A page of a module: title line with actions, optional filter area, content. */
export function PageLayout({
  title,
  subtitle,
  extra,
  filters,
  children,
  testId,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  extra?: ReactNode;
  filters?: ReactNode;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <section data-testid={testId} style={{ padding: 24, display: "flex", flexDirection: "column", gap: 16 }}>
      <Flex justify="space-between" align="flex-start" gap={16} wrap>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          {subtitle ? <Typography.Text type="secondary">{subtitle}</Typography.Text> : null}
        </div>
        {extra ? <Flex gap={8}>{extra}</Flex> : null}
      </Flex>
      {filters ? <Card size="small">{filters}</Card> : null}
      {children}
    </section>
  );
}
