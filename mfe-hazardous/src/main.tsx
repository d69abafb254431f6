/** single-spa lifecycles of the module (the build's entry, dist/<version>/index.js). */
import { defineModule } from "@zw/ui";
import { moduleDefinition } from "./module.js";

export const { bootstrap, mount, unmount } = defineModule(moduleDefinition);
