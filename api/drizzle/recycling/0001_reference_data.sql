-- Reference data of the recycling stream: the standard materials catalogue (回收物资目录) and the
-- default rule parameters (规则参数; documented in src/modules/recycling/params.ts and docs/architecture.md).
INSERT INTO "recycling"."materials" ("code", "name_zh", "name_en", "category", "unit", "points_per_unit", "sort") VALUES
  ('paper_cardboard', '黄板纸', 'Cardboard', 'PAPER', 'KG', 80, 1),
  ('paper_news', '废报纸', 'Newspaper', 'PAPER', 'KG', 80, 2),
  ('paper_books', '书本杂志', 'Books and magazines', 'PAPER', 'KG', 70, 3),
  ('plastic_pet', '塑料瓶（PET）', 'PET bottles', 'PLASTIC', 'KG', 100, 4),
  ('plastic_mixed', '其他塑料', 'Mixed plastics', 'PLASTIC', 'KG', 50, 5),
  ('metal_steel', '废钢铁', 'Scrap steel', 'METAL', 'KG', 60, 6),
  ('metal_aluminium', '废铝（易拉罐）', 'Aluminium cans', 'METAL', 'KG', 150, 7),
  ('metal_copper', '废铜', 'Scrap copper', 'METAL', 'KG', 300, 8),
  ('glass', '废玻璃', 'Glass', 'GLASS', 'KG', 20, 9),
  ('textile', '废旧纺织物', 'Textiles', 'TEXTILE', 'KG', 40, 10),
  ('carton', '利乐包（饮料纸盒）', 'Beverage cartons', 'OTHER', 'KG', 40, 11),
  ('ewaste_appliance', '废旧家电', 'Household appliances', 'EWASTE', 'PIECE', 1000, 12),
  ('ewaste_phone', '废旧手机', 'Mobile phones', 'EWASTE', 'PIECE', 500, 13)
ON CONFLICT ("code") DO NOTHING;
--> statement-breakpoint
INSERT INTO "recycling"."rule_params" ("key", "value", "unit", "description_zh", "description_en") VALUES
  ('points.expiry_days', 180, '天', '积分有效期：批次获得后多少天过期', 'Points expire this many days after the lot was earned'),
  ('points.per_yuan', 100, '分/元', '兑换比例：每元商品价值所需积分', 'Points needed per yuan of goods value'),
  ('ingest.max_future_minutes', 10, '分钟', '称重时间最多可超前服务器时间的分钟数（设备时钟误差）', 'How far in the future a weighing''s time may be (device clock skew)'),
  ('ingest.max_age_days', 90, '天', '离线补传：最多接受多少天前的称重', 'Offline backlog: oldest weighing accepted, in days'),
  ('ingest.max_grams.smart_bin', 50000, '克', '智能回收箱单次称重上限', 'Largest single weighing of a smart bin'),
  ('ingest.max_grams.smart_scale', 500000, '克', '智能秤单次称重上限', 'Largest single weighing of a smart scale'),
  ('ingest.max_grams.weighbridge', 60000000, '克', '地磅单次称重上限', 'Largest single weighing of a weighbridge'),
  ('alert.station_mad_k', 3, '倍MAD', '站点日回收量异常：偏离近期中位数超过 k 倍中位数绝对偏差', 'Station daily weight anomaly: deviation from the recent median beyond k median absolute deviations'),
  ('alert.station_window_days', 28, '天', '站点日回收量异常：参照的近期天数', 'Station daily weight anomaly: days of recent history compared against'),
  ('alert.station_min_days', 14, '天', '站点日回收量异常：至少有多少天历史才判断', 'Station daily weight anomaly: minimum days of history before judging'),
  ('alert.device_silent_hours', 48, '小时', '设备离线：超过多少小时未上传', 'Device silent: hours without an upload'),
  ('alert.price_jump_pct', 30, '%', '价格异动：较前一次公布变动超过百分比', 'Price jump: change against the previous publication beyond this percentage'),
  ('alert.card_daily_points', 20000, '分', '积分异常：一张卡一天获得积分超过', 'Implausible earning: points earned by one card in one day beyond'),
  ('custody.max_gain_pct', 2, '%', '交接称重：后一环节重量最多可比前一环节多出的百分比（含水率、秤误差）', 'Hand-over weighing: how much heavier a step may be than the previous one (moisture, scale error)'),
  ('custody.loss_alert_pct', 15, '%', '交接损耗预警：从上门收集到售出损耗超过百分比', 'Custody loss alert: loss from collection to sale beyond this percentage')
ON CONFLICT ("key") DO NOTHING;
