import fs from "node:fs";
import { eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { GraphQLDateTime, GraphQLJSONObject } from "graphql-scalars";
import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, registerEnumType, Resolver, Root } from "type-graphql";
import { Can, can } from "../../graphql/auth.js";
import type { App, Context } from "../../graphql/context.js";
import { DomainError, UserError } from "../../graphql/errors.js";
import { idOf } from "../../graphql/ids.js";
import { runMutation } from "../../graphql/mutation.js";
import { Node, registerNode } from "../../graphql/node.js";
import { EXPORT_LINK_MINUTES, exportDefinitions, signDownload, startExport, verifyDownload, type ExportJobRow } from "./exports.js";
import { exportJobs } from "./tables.js";

export enum ExportFormat {
  CSV = "CSV",
  XLSX = "XLSX",
}
registerEnumType(ExportFormat, { name: "ExportFormat", description: "导出格式 / Export file format" });

export enum ExportStatus {
  QUEUED = "QUEUED",
  RUNNING = "RUNNING",
  DONE = "DONE",
  FAILED = "FAILED",
}
registerEnumType(ExportStatus, { name: "ExportStatus", description: "导出任务状态 / Export job status" });

@ObjectType({ description: "可导出的列表 / A list that can be exported" })
export class ExportInfo {
  @Field({ description: "名称，如 construction.sites / Name such as construction.sites" })
  name: string;
  @Field({ description: "中文标题 / Chinese title" })
  titleZh: string;
  @Field({ description: "英文标题 / English title" })
  titleEn: string;
}

@ObjectType({ implements: Node, description: "导出任务 / An export job" })
export class ExportJob extends Node {
  @Field({ description: "导出的列表 / The list exported" })
  name: string;
  @Field(() => ExportFormat, { description: "格式 / Format" })
  format: ExportFormat;
  @Field(() => ExportStatus, { description: "状态 / Status" })
  status: ExportStatus;
  @Field(() => Int, { description: "行数 / Rows written" })
  rowCount: number;
  @Field(() => String, { nullable: true, description: "失败原因 / Why it failed" })
  error: string | null;
  @Field(() => GraphQLDateTime, { description: "创建时间 / Requested at" })
  createdAt: Date;
  @Field(() => GraphQLDateTime, { nullable: true, description: "完成时间 / Finished at" })
  finishedAt: Date | null;
  filePath: string | null;
}

@ObjectType({ description: "下载链接 / A download link" })
export class DownloadLink {
  @Field({ description: "相对地址，带签名 / Signed relative URL" })
  url: string;
  @Field(() => GraphQLDateTime, { description: "链接失效时间 / When the link stops working" })
  expiresAt: Date;
}

@ObjectType({ description: "导出任务结果 / Result of starting an export" })
export class ExportJobPayload {
  @Field(() => ExportJob, { nullable: true, description: "任务 / The job" })
  job: ExportJobRow | null;
  @Field(() => [UserError], { description: "错误 / Errors" })
  userErrors: UserError[];
}

function ownJob(ctx: Context, j: ExportJobRow | undefined): ExportJobRow | null {
  if (!j) return null;
  return j.requestedBy === ctx.principal.label || can(ctx.principal, "core:admin") ? j : null;
}

registerNode("ExportJob", async (ctx, id) => {
  const [j] = await ctx.db.select().from(exportJobs).where(eq(exportJobs.id, id));
  return ownJob(ctx, j);
});

@Resolver(() => ExportJob)
export class ExportResolver {
  @Query(() => [ExportInfo], { description: "当前调用者可导出的列表 / Lists the caller may export" })
  @Can.authenticated()
  exportableLists(@Ctx() ctx: Context): ExportInfo[] {
    return exportDefinitions()
      .filter((d) => can(ctx.principal, d.rule))
      .map((d) => ({ name: d.name, titleZh: d.titleZh, titleEn: d.titleEn }));
  }

  @Query(() => ExportJob, { nullable: true, description: "导出任务状态（轮询）/ An export job's status (poll it)" })
  @Can.authenticated()
  async exportJob(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<ExportJobRow | null> {
    const [j] = await ctx.db.select().from(exportJobs).where(eq(exportJobs.id, idOf("ExportJob", id, "id")));
    return ownJob(ctx, j);
  }

  @Mutation(() => ExportJobPayload, {
    description:
      "开始导出：后台生成 CSV 或 XLSX，轮询 exportJob 取下载链接 / Start an export: a background job writes CSV or XLSX; poll exportJob for the download link",
  })
  @Can.authenticated()
  async startExport(
    @Arg("name", { description: "列表名称（见 exportableLists）/ List name (see exportableLists)" }) name: string,
    @Arg("format", () => ExportFormat, { defaultValue: ExportFormat.XLSX, description: "格式 / Format" }) format: ExportFormat,
    @Ctx() ctx: Context,
    @Arg("filter", () => GraphQLJSONObject, { nullable: true, description: "筛选条件，与列表的 filter 相同 / Filter, same shape as the list's filter" }) filter?: Record<string, unknown>,
    @Arg("language", { nullable: true, description: "表头语言 zh-CN 或 en / Header language zh-CN or en" }) language?: string,
  ): Promise<ExportJobPayload> {
    const r = await runMutation(ctx, "startExport", { name, format, filter }, async (w) => {
      if (language && language !== "zh-CN" && language !== "en") throw new DomainError("INVALID_LANGUAGE", "language must be zh-CN or en", "language");
      const job = await startExport(w, name, format, filter ?? {}, language === "en" ? "en" : "zh-CN");
      await w.audit({ entity: "ExportJob", entityId: job.id, action: "start", changes: { name, format, filter } });
      return { job };
    });
    return { job: r.job ?? null, userErrors: r.userErrors };
  }

  @FieldResolver(() => DownloadLink, { nullable: true, description: `下载链接（完成后，${EXPORT_LINK_MINUTES} 分钟内有效）/ Download link once done, valid ${EXPORT_LINK_MINUTES} minutes` })
  async download(@Root() j: ExportJobRow, @Ctx() ctx: Context): Promise<DownloadLink | null> {
    if (j.status !== "DONE" || !j.filePath) return null;
    const expires = Date.now() + EXPORT_LINK_MINUTES * 60_000;
    return { url: await signDownload(ctx.app, j.id, expires), expiresAt: new Date(expires) };
  }
}

/** GET /exports/:id/download?expires=…&sig=… — streams the file (the signature is the credential). */
export function exportRoutes(server: FastifyInstance, app: App): void {
  server.get<{ Params: { id: string }; Querystring: { expires?: string; sig?: string } }>("/exports/:id/download", async (req, reply) => {
    const id = Number(req.params.id);
    if (!Number.isSafeInteger(id) || !(await verifyDownload(app, id, Number(req.query.expires), String(req.query.sig ?? "")))) {
      return reply.code(403).send({ error: "FORBIDDEN", message: "Link expired or invalid; request a new one" });
    }
    const [j] = await app.db.select().from(exportJobs).where(eq(exportJobs.id, id));
    if (!j || j.status !== "DONE" || !j.filePath || !fs.existsSync(j.filePath)) return reply.code(404).send({ error: "NOT_FOUND" });
    const ext = j.format === "CSV" ? "csv" : "xlsx";
    reply.header("content-type", j.format === "CSV" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    reply.header("content-disposition", `attachment; filename="${j.name}-${j.id}.${ext}"`);
    return reply.send(fs.createReadStream(j.filePath));
  });
}
