import { randomBytes } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { ArrayMaxSize, IsOptional, MaxLength } from "class-validator";
import { GraphQLDateTime, GraphQLJSONObject } from "graphql-scalars";
import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from "type-graphql";
import { Can, can, forbidden } from "../../graphql/auth.js";
import { Connection, connectionComplexity, PageArgs, paginate } from "../../graphql/connection.js";
import type { Context } from "../../graphql/context.js";
import { DomainError, notFound, UserError } from "../../graphql/errors.js";
import { idOf, optionalIdOf } from "../../graphql/ids.js";
import { runMutation } from "../../graphql/mutation.js";
import { Node, registerNode } from "../../graphql/node.js";
import { events, webhookDeliveries, webhookSubscriptions } from "./tables.js";
import { allEventTypes, createSubscription, redeliver, validateWebhookUrl, WEBHOOK_POLICY, type SubscriptionRow } from "./webhooks.js";

type DeliveryRow = typeof webhookDeliveries.$inferSelect;

@ObjectType({ description: "可订阅的事件类型 / An event type you can subscribe to" })
export class WebhookEventType {
  @Field({ description: "类型，如 manifest.state_changed / Type such as manifest.state_changed" })
  type: string;
  @Field({ description: "废物流（* 表示各流通用）/ Stream (* for all streams)" })
  stream: string;
  @Field({ description: "中文说明 / Chinese description" })
  descriptionZh: string;
  @Field({ description: "英文说明 / English description" })
  descriptionEn: string;
}

@ObjectType({ implements: Node, description: "Webhook 订阅 / A webhook subscription" })
export class WebhookSubscription extends Node {
  @Field({ description: "接收地址 / Endpoint URL" })
  url: string;
  @Field(() => [String], { description: "订阅的事件类型 / Event types" })
  eventTypes: string[];
  @Field({ description: "是否启用 / Active" })
  active: boolean;
  @Field(() => String, { nullable: true, description: "自动停用原因 / Why it was disabled" })
  disabledReason: string | null;
  @Field(() => Int, { description: "连续失败次数 / Consecutive failed attempts" })
  consecutiveFailures: number;
  @Field(() => GraphQLDateTime, { description: "创建时间 / Created at" })
  createdAt: Date;
}

@ObjectType({ description: "推送的事件 / The event delivered" })
export class WebhookEvent {
  @Field(() => ID, { description: "事件编号（接收方据此去重）/ Event id (receivers de-duplicate by it)" })
  id: string;
  @Field({ description: "类型 / Type" })
  type: string;
  @Field(() => GraphQLDateTime, { description: "发生时间 / When it happened" })
  createdAt: Date;
  @Field(() => GraphQLJSONObject, { description: "内容 / Payload" })
  data: Record<string, unknown>;
}

@ObjectType({ implements: Node, description: "一次推送（含重试）/ A delivery (with its retries)" })
export class WebhookDelivery extends Node {
  @Field({ description: "状态：PENDING 待发/重试中，DELIVERED 已送达，FAILED 已放弃 / PENDING, DELIVERED or FAILED (gave up)" })
  status: string;
  @Field(() => Int, { description: "已尝试次数 / Attempts so far" })
  attempts: number;
  @Field(() => GraphQLDateTime, { description: "下次尝试时间 / Next attempt" })
  nextAttemptAt: Date;
  @Field(() => GraphQLDateTime, { nullable: true, description: "最近尝试时间 / Last attempt" })
  lastAttemptAt: Date | null;
  @Field(() => Int, { nullable: true, description: "最近一次 HTTP 状态码 / Last HTTP status" })
  lastStatusCode: number | null;
  @Field(() => String, { nullable: true, description: "最近一次错误 / Last error" })
  lastError: string | null;
  @Field(() => GraphQLDateTime, { nullable: true, description: "送达时间 / Delivered at" })
  deliveredAt: Date | null;
  eventId: number;
  subscriptionId: number;
}

@ObjectType({ description: "推送记录列表 / A page of deliveries" })
export class WebhookDeliveryConnection extends Connection(WebhookDelivery) {}

@InputType({ description: "新建订阅 / A new subscription" })
export class CreateWebhookSubscriptionInput {
  @Field({ description: "接收地址（http/https）/ Endpoint URL (http or https)" })
  @MaxLength(500)
  url: string;
  @Field(() => [String], { description: "事件类型（见 webhookEventTypes）/ Event types (see webhookEventTypes)" })
  @ArrayMaxSize(50)
  eventTypes: string[];
  @Field(() => ID, { nullable: true, description: "为哪个密钥订阅（管理员代建时）；密钥自己调用时省略 / The key to subscribe for (administrators); omit when the key calls" })
  apiKeyId?: string;
}

@InputType({ description: "修改订阅 / Changes to a subscription" })
export class UpdateWebhookSubscriptionInput {
  @Field(() => ID, { description: "订阅 / The subscription" })
  id: string;
  @Field({ nullable: true, description: "接收地址 / Endpoint URL" })
  @IsOptional()
  @MaxLength(500)
  url?: string;
  @Field(() => [String], { nullable: true, description: "事件类型 / Event types" })
  @IsOptional()
  @ArrayMaxSize(50)
  eventTypes?: string[];
  @Field({ nullable: true, description: "启用（重新启用会清零失败计数）/ Active (re-enabling resets the failure count)" })
  active?: boolean;
}

@ObjectType({ description: "订阅变更结果 / Result of a subscription change" })
export class WebhookSubscriptionPayload {
  @Field(() => WebhookSubscription, { nullable: true, description: "订阅 / The subscription" })
  subscription: SubscriptionRow | null;
  @Field(() => String, { nullable: true, description: "签名密钥，只在创建和轮换时返回 / Signing secret, returned only on create and rotate" })
  secret: string | null;
  @Field(() => [UserError], { description: "错误 / Errors" })
  userErrors: UserError[];
}

@ObjectType({ description: "重新推送结果 / Result of a redelivery request" })
export class RedeliverPayload {
  @Field(() => WebhookDelivery, { nullable: true, description: "推送 / The delivery" })
  delivery: DeliveryRow | null;
  @Field(() => [UserError], { description: "错误 / Errors" })
  userErrors: UserError[];
}

/** Keys manage their own subscriptions; administrators manage any. */
function ownerFilter(ctx: Context) {
  if (can(ctx.principal, "core:admin")) return undefined;
  if (ctx.principal.kind !== "apiKey") throw forbidden("Webhooks belong to API keys: call with the key, or as an administrator");
  return eq(webhookSubscriptions.apiKeyId, ctx.principal.apiKeyId!);
}

async function ownSubscription(ctx: Context, id: number): Promise<SubscriptionRow> {
  const [s] = await ctx.db.select().from(webhookSubscriptions).where(and(eq(webhookSubscriptions.id, id), ownerFilter(ctx)));
  if (!s) throw notFound("subscription");
  return s;
}

registerNode("WebhookSubscription", async (ctx, id) => {
  try {
    return await ownSubscription(ctx, id);
  } catch {
    return null;
  }
});

@Resolver(() => WebhookDelivery)
export class WebhookDeliveryFields {
  @FieldResolver(() => WebhookEvent, { description: "推送的事件 / The event" })
  async event(@Root() d: DeliveryRow, @Ctx() ctx: Context): Promise<WebhookEvent> {
    const [e] = await ctx.db.select().from(events).where(eq(events.id, d.eventId));
    return { id: String(e!.id), type: e!.type, createdAt: e!.createdAt, data: e!.payload as Record<string, unknown> };
  }
}

@Resolver()
export class WebhookResolver {
  @Query(() => [WebhookEventType], { description: "可订阅的事件类型目录 / The catalogue of event types" })
  @Can.authenticated()
  webhookEventTypes(): WebhookEventType[] {
    return allEventTypes();
  }

  @Query(() => [WebhookSubscription], { description: "本密钥的订阅（管理员：全部）/ This key's subscriptions (administrators: all)" })
  @Can.authenticated()
  async webhookSubscriptions(@Ctx() ctx: Context): Promise<SubscriptionRow[]> {
    return ctx.db.select().from(webhookSubscriptions).where(ownerFilter(ctx)).orderBy(webhookSubscriptions.id);
  }

  @Query(() => WebhookDeliveryConnection, { description: "推送记录（按订阅）/ Delivery log of a subscription", complexity: connectionComplexity })
  @Can.authenticated()
  async webhookDeliveries(
    @Arg("subscriptionId", () => ID, { description: "订阅 / The subscription" }) subscriptionId: string,
    @Args() page: PageArgs,
    @Ctx() ctx: Context,
    @Arg("status", () => String, { nullable: true, description: "PENDING | DELIVERED | FAILED" }) status?: string,
  ) {
    const s = await ownSubscription(ctx, idOf("WebhookSubscription", subscriptionId, "subscriptionId"));
    return paginate({
      db: ctx.db,
      table: webhookDeliveries,
      id: webhookDeliveries.id,
      where: [eq(webhookDeliveries.subscriptionId, s.id), status ? inArray(webhookDeliveries.status, [status as DeliveryRow["status"]]) : undefined],
      first: page.first,
      after: page.after,
    });
  }

  @Mutation(() => WebhookSubscriptionPayload, { description: "订阅事件推送；返回签名密钥（仅此一次）/ Subscribe to events; returns the signing secret (only now)" })
  @Can.authenticated()
  async createWebhookSubscription(@Arg("input", () => CreateWebhookSubscriptionInput) input: CreateWebhookSubscriptionInput, @Ctx() ctx: Context): Promise<WebhookSubscriptionPayload> {
    const p = ctx.principal;
    let keyId: number;
    if (can(p, "core:admin")) {
      const k = optionalIdOf("ApiKey", input.apiKeyId, "input.apiKeyId");
      if (!k) throw forbidden("Administrators must name the API key (input.apiKeyId)");
      keyId = k;
    } else if (p.kind === "apiKey") keyId = p.apiKeyId!;
    else throw forbidden("Webhooks belong to API keys: call with the key, or as an administrator");
    const r = await runMutation(ctx, "createWebhookSubscription", input, async (w) => {
      const s = await createSubscription(w, keyId, input.url, input.eventTypes);
      return { subscription: s, secret: s.secret };
    });
    return { subscription: r.subscription ?? null, secret: r.secret ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => WebhookSubscriptionPayload, { description: "修改、停用或重新启用订阅 / Change, pause or re-enable a subscription" })
  @Can.authenticated()
  async updateWebhookSubscription(@Arg("input", () => UpdateWebhookSubscriptionInput) input: UpdateWebhookSubscriptionInput, @Ctx() ctx: Context): Promise<WebhookSubscriptionPayload> {
    const s = await ownSubscription(ctx, idOf("WebhookSubscription", input.id, "input.id"));
    const r = await runMutation(ctx, "updateWebhookSubscription", input, async (w) => {
      if (input.url !== undefined) {
        const bad = validateWebhookUrl(input.url);
        if (bad) throw new DomainError("INVALID_URL", `url: ${bad}`, "input.url");
      }
      const known = new Set(allEventTypes().map((e) => e.type));
      if (input.eventTypes && (input.eventTypes.length === 0 || input.eventTypes.some((t) => !known.has(t)))) throw new DomainError("UNKNOWN_EVENT_TYPE", "Give known event types", "input.eventTypes");
      const [u] = await w.tx
        .update(webhookSubscriptions)
        .set({
          url: input.url ?? s.url,
          eventTypes: input.eventTypes ? [...new Set(input.eventTypes)].sort() : s.eventTypes,
          active: input.active ?? s.active,
          disabledReason: input.active === true ? null : s.disabledReason,
          consecutiveFailures: input.active === true ? 0 : s.consecutiveFailures,
          updatedAt: new Date(),
        })
        .where(eq(webhookSubscriptions.id, s.id))
        .returning();
      await w.audit({ entity: "WebhookSubscription", entityId: s.id, action: "update", changes: input });
      return { subscription: u!, secret: null };
    });
    return { subscription: r.subscription ?? null, secret: null, userErrors: r.userErrors };
  }

  @Mutation(() => WebhookSubscriptionPayload, { description: "轮换签名密钥 / Rotate the signing secret" })
  @Can.authenticated()
  async rotateWebhookSecret(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<WebhookSubscriptionPayload> {
    const s = await ownSubscription(ctx, idOf("WebhookSubscription", id, "id"));
    const r = await runMutation(ctx, "rotateWebhookSecret", { id }, async (w) => {
      const [u] = await w.tx.update(webhookSubscriptions).set({ secret: `whsec_${randomBytes(24).toString("base64url")}`, updatedAt: new Date() }).where(eq(webhookSubscriptions.id, s.id)).returning();
      await w.audit({ entity: "WebhookSubscription", entityId: s.id, action: "rotateSecret" });
      return { subscription: u!, secret: u!.secret };
    });
    return { subscription: r.subscription ?? null, secret: r.secret ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => WebhookSubscriptionPayload, { description: "删除订阅（连同推送记录）/ Delete a subscription (and its delivery log)" })
  @Can.authenticated()
  async deleteWebhookSubscription(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<WebhookSubscriptionPayload> {
    const s = await ownSubscription(ctx, idOf("WebhookSubscription", id, "id"));
    const r = await runMutation(ctx, "deleteWebhookSubscription", { id }, async (w) => {
      await w.tx.delete(webhookSubscriptions).where(eq(webhookSubscriptions.id, s.id));
      await w.audit({ entity: "WebhookSubscription", entityId: s.id, action: "delete" });
      return { subscription: s, secret: null };
    });
    return { subscription: r.subscription ?? null, secret: null, userErrors: r.userErrors };
  }

  @Mutation(() => RedeliverPayload, { description: `重新推送一次（重置重试次数，最多 ${WEBHOOK_POLICY.maxAttempts} 次）/ Deliver again (resets the attempts)` })
  @Can.authenticated()
  async redeliverWebhook(@Arg("deliveryId", () => ID) deliveryId: string, @Ctx() ctx: Context): Promise<RedeliverPayload> {
    const id = idOf("WebhookDelivery", deliveryId, "deliveryId");
    const [d] = await ctx.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id));
    if (!d) throw notFound("delivery");
    await ownSubscription(ctx, d.subscriptionId);
    const r = await runMutation(ctx, "redeliverWebhook", { deliveryId }, async (w) => {
      await redeliver(w, id);
      const [u] = await w.tx.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id));
      return { delivery: u! };
    });
    return { delivery: r.delivery ?? null, userErrors: r.userErrors };
  }
}
