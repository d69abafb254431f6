import { ArrayMaxSize, IsOptional, Max, MaxLength, Min } from "class-validator";
import { GraphQLDateTime } from "graphql-scalars";
import { Arg, Ctx, Field, Float, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from "type-graphql";
import type { FastifyInstance } from "fastify";
import { Can, can, forbidden } from "../../graphql/auth.js";
import type { App, Context } from "../../graphql/context.js";
import { badInput } from "../../graphql/errors.js";
import { idOf, toGlobalId } from "../../graphql/ids.js";
import { principalFrom } from "./auth.js";
import { spendKeyBudget } from "./throttle.js";
import { ingestPositions, ingestStreams, lastPositionsOf, trackOf, TRACKING_LIMITS, vehicleTypeOf, type TrackedStream } from "./tracking.js";
import { StreamKey } from "./types.js";

@InputType({ description: "一个 GPS 定位点 / One GPS position" })
export class PositionInput {
  @Field({ nullable: true, description: "终端号（与车牌二选一）/ Terminal id (or give the plate)" })
  @IsOptional()
  @MaxLength(40)
  terminalId?: string;
  @Field({ nullable: true, description: "车牌号 / Plate number" })
  @IsOptional()
  @MaxLength(12)
  plate?: string;
  @Field(() => GraphQLDateTime, { description: "定位时间 / Fix time" })
  time: Date;
  @Field(() => Float, { description: "经度（WGS-84）/ Longitude" })
  @Min(-180)
  @Max(180)
  lon: number;
  @Field(() => Float, { description: "纬度（WGS-84）/ Latitude" })
  @Min(-90)
  @Max(90)
  lat: number;
  @Field(() => Float, { nullable: true, description: "速度 km/h / Speed in km/h" })
  @IsOptional()
  @Min(0)
  @Max(TRACKING_LIMITS.maxSpeedKmh)
  speed?: number;
  @Field(() => Float, { nullable: true, description: "方向角（度）/ Heading in degrees" })
  @IsOptional()
  @Min(0)
  @Max(360)
  heading?: number;
}

@ObjectType({ description: "被拒收的定位点 / A rejected position" })
export class RejectedPosition {
  @Field(() => Int, { description: "在批次中的序号（从 0 开始）/ Index in the batch (0-based)" })
  index: number;
  @Field({ description: "原因 / Reason" })
  reason: string;
}

@ObjectType({ description: "定位批次接收结果 / Result of a position batch" })
export class IngestPositionsResult {
  @Field(() => Int, { description: "新存储的点数 / Newly stored points" })
  accepted: number;
  @Field(() => Int, { description: "重复（已存储过）的点数 / Points already stored before" })
  duplicates: number;
  @Field(() => [RejectedPosition], { description: "被拒收的点及原因 / Rejected points with reasons" })
  rejected: RejectedPosition[];
}

@ObjectType({ description: "车辆最新位置 / A vehicle's last known position" })
export class VehiclePosition {
  @Field(() => StreamKey, { description: "废物流 / Stream" })
  stream: StreamKey;
  @Field(() => ID, { description: "车辆的全局 ID / Global ID of the vehicle" })
  vehicleId: string;
  @Field({ description: "车牌 / Plate" })
  plate: string;
  @Field({ description: "终端号 / Terminal id" })
  terminalId: string;
  @Field(() => GraphQLDateTime, { description: "定位时间 / Fix time" })
  at: Date;
  @Field(() => Float, { description: "经度 / Longitude" })
  lon: number;
  @Field(() => Float, { description: "纬度 / Latitude" })
  lat: number;
  @Field(() => Float, { description: "速度 km/h / Speed" })
  speedKmh: number;
  @Field(() => Float, { description: "方向角 / Heading" })
  heading: number;
}

@ObjectType({ description: "轨迹点 / A track point" })
export class TrackPoint {
  @Field(() => GraphQLDateTime, { description: "定位时间 / Fix time" })
  at: Date;
  @Field(() => Float, { description: "经度 / Longitude" })
  lon: number;
  @Field(() => Float, { description: "纬度 / Latitude" })
  lat: number;
  @Field(() => Float, { description: "速度 km/h / Speed" })
  speedKmh: number;
  @Field(() => Float, { description: "方向角 / Heading" })
  heading: number;
}

function trackedStream(s: StreamKey): TrackedStream {
  if (s !== "construction" && s !== "hazardous") throw badInput("stream", "only construction and hazardous vehicles are tracked");
  return s;
}

@Resolver()
export class TrackingResolver {
  @Mutation(() => IngestPositionsResult, {
    description:
      "上报 GPS 定位（批量，最多 10000 点；按终端号+时间幂等；迟到、乱序可接收；坏点逐条拒收）/ Report GPS positions (batch up to 10,000; idempotent by terminal + time; late and out-of-order points accepted; bad points rejected one by one)",
  })
  @Can.record("ingest")
  async ingestPositions(@Arg("positions", () => [PositionInput]) input: PositionInput[], @Ctx() ctx: Context): Promise<IngestPositionsResult> {
    if (input.length > TRACKING_LIMITS.maxBatch) throw badInput("positions", `at most ${TRACKING_LIMITS.maxBatch} points per batch`);
    if (ingestStreams(ctx.principal).length === 0) throw forbidden();
    return ingestPositions(
      ctx.app,
      ctx.principal,
      input.map((p) => ({ ...p, time: p.time.toISOString() })),
      { requestId: ctx.requestId, ip: ctx.ip },
    );
  }

  @Query(() => [VehiclePosition], { description: "车辆最新位置（实时地图）/ Last positions of a stream's vehicles (live map)", complexity: 50 })
  @Can.record("read")
  async vehiclePositions(@Arg("stream", () => StreamKey) streamKey: StreamKey, @Ctx() ctx: Context): Promise<VehiclePosition[]> {
    const stream = trackedStream(streamKey);
    const p = ctx.principal;
    if (!can(p, `${stream}:read`) && !can(p, `${stream}:read:op`)) throw forbidden();
    const list = await lastPositionsOf(ctx.db, { stream, districtId: p.districtId, org: p.org ?? null });
    return list.map((r) => ({ ...r, stream: streamKey, vehicleId: toGlobalId(vehicleTypeOf(stream), r.vehicleId) }));
  }

  @Query(() => [TrackPoint], { description: "车辆轨迹（轨迹回放）/ A vehicle's track (for replay)", complexity: 50 })
  @Can.record("read")
  async vehicleTrack(
    @Arg("stream", () => StreamKey) streamKey: StreamKey,
    @Arg("vehicleId", () => ID) vehicleId: string,
    @Arg("from", () => GraphQLDateTime) from: Date,
    @Arg("to", () => GraphQLDateTime) to: Date,
    @Ctx() ctx: Context,
  ): Promise<TrackPoint[]> {
    const stream = trackedStream(streamKey);
    const p = ctx.principal;
    if (!can(p, `${stream}:read`) && !can(p, `${stream}:read:op`)) throw forbidden();
    const id = idOf(vehicleTypeOf(stream), vehicleId, "vehicleId");
    if (!(from < to)) throw badInput("to", "must be after from");
    if (to.getTime() - from.getTime() > 7 * 86_400_000) throw badInput("to", "at most 7 days per request");
    if (p.districtId != null || p.org) {
      const [last] = await lastPositionsOf(ctx.db, { stream, vehicleIds: [id], districtId: p.districtId, org: p.org ?? null });
      if (!last) throw forbidden("This vehicle is outside your district or organisation");
    }
    return trackOf(ctx.db, stream, id, from, to);
  }
}

/** POST /ingest/positions — the HTTP JSON endpoint for terminals: { "positions": [ … ] }. */
export function trackingRoutes(server: FastifyInstance, app: App): void {
  server.post("/ingest/positions", { bodyLimit: 8 * 1024 * 1024 }, async (req, reply) => {
    const keyHeader = typeof req.headers["x-api-key"] === "string" ? req.headers["x-api-key"] : undefined;
    const principal = await principalFrom(app.db, req.headers.authorization, keyHeader);
    if (!principal || principal.kind === "anonymous") return reply.code(401).send({ error: "UNAUTHENTICATED", message: "Send an API key with a construction:ingest or hazardous:ingest scope" });
    if (ingestStreams(principal).length === 0) return reply.code(403).send({ error: "FORBIDDEN", message: "This key has no ingest scope" });
    const body = req.body as { positions?: unknown } | null;
    if (!body || !Array.isArray(body.positions)) return reply.code(400).send({ error: "BAD_REQUEST", message: 'Body must be JSON: { "positions": [ … ] }' });
    if (body.positions.length > TRACKING_LIMITS.maxBatch) return reply.code(413).send({ error: "BATCH_TOO_LARGE", message: `At most ${TRACKING_LIMITS.maxBatch} points per batch` });
    try {
      reply.headers(await spendKeyBudget(app.db, principal, body.positions.length));
    } catch (e) {
      // Only a spent budget is a 429; anything else (the database is away) goes to the error handler (503).
      if ((e as { extensions?: { code?: string } }).extensions?.code !== "RATE_LIMITED") throw e;
      const retry = (e as { extensions?: { retryAfter?: number } }).extensions?.retryAfter ?? 1;
      return reply.code(429).header("retry-after", String(retry)).send({ error: "RATE_LIMITED", message: (e as Error).message, retryAfter: retry });
    }
    const r = await ingestPositions(app, principal, body.positions, { requestId: String(req.id), ip: req.ip });
    return reply.send(r);
  });
}
