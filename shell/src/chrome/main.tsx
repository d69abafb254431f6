/** The shell's chrome as a single-spa application: login page, top bar, navigation, notices. */
import * as React from "react";
import * as ReactDOMClient from "react-dom/client";
import singleSpaReact from "single-spa-react";
import { ZwProviders } from "@zw/ui";
import { registerShellMessages } from "../i18n/index.js";
import { Chrome } from "./Chrome.js";

registerShellMessages();

const lifecycles = singleSpaReact({
  React,
  ReactDOMClient,
  rootComponent: () => (
    <ZwProviders>
      <Chrome />
    </ZwProviders>
  ),
  domElementGetter: () => document.getElementById("zw-chrome")!,
  errorBoundary: (err: Error) => <pre role="alert">{String(err?.message ?? err)}</pre>,
});

export const { bootstrap, mount, unmount } = lifecycles;
