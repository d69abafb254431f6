import { useSyncExternalStore } from "react";
import { getAccess, onAccess } from "../access.js";
import { getModules, onModules } from "../registry.js";

export const useAccess = () => useSyncExternalStore(onAccess, getAccess, getAccess);
export const useModules = () => useSyncExternalStore(onModules, getModules, getModules);
