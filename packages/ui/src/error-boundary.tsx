import { Component, type ErrorInfo, type ReactNode } from "react";
import { ErrorState } from "./states.js";
import { i18n } from "./i18n.js";

/** Catches a render error in its subtree and shows an error state with a retry (re-render). */
export class ErrorBoundary extends Component<{ children: ReactNode; title?: ReactNode }, { error: unknown }> {
  override state: { error: unknown } = { error: null };
  static getDerivedStateFromError(error: unknown) {
    return { error };
  }
  override componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error("[zw/ui] render error", error, info.componentStack);
  }
  override render() {
    if (this.state.error)
      return <ErrorState error={this.state.error} title={this.props.title ?? i18n.t("ui:error.module")} onRetry={() => this.setState({ error: null })} />;
    return this.props.children;
  }
}
