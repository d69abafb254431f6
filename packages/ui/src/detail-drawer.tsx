import { Descriptions, Drawer } from "antd";
import type { ReactNode } from "react";
import { LoadingState, ErrorState } from "./states.js";

export interface DetailItem {
  label: ReactNode;
  value: ReactNode;
  span?: number;
}

/** A record's details in a side drawer: label/value pairs, then anything else (actions, history). */
export function DetailDrawer({
  open,
  title,
  onClose,
  items,
  loading,
  error,
  extra,
  children,
  width = 560,
}: {
  open: boolean;
  title: ReactNode;
  onClose: () => void;
  items?: DetailItem[];
  loading?: boolean;
  error?: unknown;
  extra?: ReactNode;
  children?: ReactNode;
  width?: number;
}) {
  return (
    <Drawer open={open} title={title} onClose={onClose} size={width} extra={extra} destroyOnHidden data-testid="zw-detail-drawer">
      {loading ? (
        <LoadingState />
      ) : error ? (
        <ErrorState error={error} />
      ) : (
        <>
          {items?.length ? (
            <Descriptions column={1} bordered size="small" items={items.map((it, i) => ({ key: i, label: it.label, children: it.value, span: it.span }))} />
          ) : null}
          {children}
        </>
      )}
    </Drawer>
  );
}
