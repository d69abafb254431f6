import { ApolloProvider } from "@apollo/client/react";
import { getClient } from "@zw/client";
import { App as AntApp, ConfigProvider, theme as antTheme } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import type { ReactNode } from "react";
import { I18nextProvider } from "react-i18next";
import { i18n, useLanguage } from "./i18n.js";

/** The platform's theme: Ant Design with the government-blue primary colour. */
export const zwTheme = {
  algorithm: antTheme.defaultAlgorithm,
  token: { colorPrimary: "#1456a0", borderRadius: 4, fontSize: 14 },
};

/**
 * Everything a React tree of the platform needs: the shared Apollo client, i18n, Ant Design's locale
 * and theme. Each micro-frontend wraps its root in it (each module has its own React root).
 */
export function ZwProviders({ children }: { children: ReactNode }) {
  const lng = useLanguage();
  dayjs.locale(lng === "en" ? "en" : "zh-cn");
  return (
    <ApolloProvider client={getClient()}>
      <I18nextProvider i18n={i18n}>
        <ConfigProvider locale={lng === "en" ? enUS : zhCN} theme={zwTheme}>
          <AntApp component={false}>{children}</AntApp>
        </ConfigProvider>
      </I18nextProvider>
    </ApolloProvider>
  );
}
