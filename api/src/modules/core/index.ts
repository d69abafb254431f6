import type { ApiModule } from "./module.js";
import { coreResolvers } from "./resolvers.js";
import { seedCore } from "./seed.js";

export const coreModule: ApiModule = {
  name: "core",
  resolvers: coreResolvers,
  seed: seedCore,
};
