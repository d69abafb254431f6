import { codegenConfig } from "@zw/build/codegen";
export default codegenConfig();
