/**
 * Static data for the recycling demo generator: districts' geography, the 16 enterprises, the
 * station plan (398 stations: 8 sorting centres, 29 smart bins), material mixes and price bases.
 * Figures from the bulletin (DOMAIN.md §3): 16 enterprises, 398 stations, 8 sorting centres,
 * 29 smart bins, 260,000 cards, 1.13 billion points, 8.499 million yuan redeemed, 981,000 t traced,
 * supply-and-marketing recovery 21,057 t (metal 4,439 t 21 %, paper 13,757 t 65 %).
 */

export const BULLETIN = {
  enterprises: 16,
  stations: 398,
  sortingCentres: 8,
  smartBins: 29,
  cards: 260_000,
  pointsEarned: 1_130_000_000,
  redeemedYuan: 8_499_000,
  tracedTonnes: 981_000,
  coopTonnes: 21_057,
  coopMetalTonnes: 4_439,
  coopPaperTonnes: 13_757,
};

export interface DistrictGeo {
  id: number;
  code: string;
  short: string;
  lon: number;
  lat: number;
  /** Share of households (cards). */
  share: number;
  /** Share of service stations that are rural collection points. */
  rural: number;
}

export const DISTRICTS: DistrictGeo[] = [
  { id: 330602, code: "yuecheng", short: "越城", lon: 120.582, lat: 30.0, share: 0.21, rural: 0.15 },
  { id: 330603, code: "keqiao", short: "柯桥", lon: 120.495, lat: 30.083, share: 0.21, rural: 0.35 },
  { id: 330604, code: "shangyu", short: "上虞", lon: 120.868, lat: 30.033, share: 0.15, rural: 0.4 },
  { id: 330681, code: "zhuji", short: "诸暨", lon: 120.246, lat: 29.709, share: 0.22, rural: 0.5 },
  { id: 330683, code: "shengzhou", short: "嵊州", lon: 120.821, lat: 29.588, share: 0.11, rural: 0.55 },
  { id: 330624, code: "xinchang", short: "新昌", lon: 120.904, lat: 29.5, share: 0.1, rural: 0.3 },
];

export interface EnterpriseSeed {
  code: string;
  name: string;
  district: string;
  coop?: boolean;
  contact: string;
}

/** The 16 enterprises on the platform (names illustrative). */
export const ENTERPRISES: EnterpriseSeed[] = [
  { code: "ZS-YC-01", name: "绍兴市再生资源回收利用有限公司", district: "yuecheng", contact: "王建国" },
  { code: "ZS-YC-02", name: "越城区城市矿产回收有限公司", district: "yuecheng", contact: "陈立新" },
  { code: "ZS-YC-03", name: "绍兴智慧回收科技有限公司", district: "yuecheng", contact: "周敏" },
  { code: "ZS-KQ-01", name: "柯桥区供销再生资源有限公司", district: "keqiao", coop: true, contact: "沈海涛" },
  { code: "ZS-KQ-02", name: "柯桥区绿源再生资源有限公司", district: "keqiao", contact: "钱伟" },
  { code: "ZS-KQ-03", name: "浙江绿循环科技有限公司", district: "keqiao", contact: "孙丽" },
  { code: "ZS-SY-01", name: "上虞区城乡再生资源有限公司", district: "shangyu", contact: "李强" },
  { code: "ZS-SY-02", name: "上虞区循环经济发展有限公司", district: "shangyu", contact: "赵磊" },
  { code: "ZS-SY-03", name: "上虞区净美回收有限公司", district: "shangyu", contact: "吴芳" },
  { code: "ZS-ZJ-01", name: "诸暨市再生资源回收有限公司", district: "zhuji", contact: "郑斌" },
  { code: "ZS-ZJ-02", name: "诸暨市城市矿产开发有限公司", district: "zhuji", contact: "冯军" },
  { code: "ZS-ZJ-03", name: "诸暨市绿叶回收有限公司", district: "zhuji", contact: "蒋涛" },
  { code: "ZS-SZ-01", name: "嵊州市再生资源有限公司", district: "shengzhou", contact: "韩冰" },
  { code: "ZS-SZ-02", name: "嵊州市绿洲回收有限公司", district: "shengzhou", contact: "杨洋" },
  { code: "ZS-XC-01", name: "虎哥（新昌）环境有限公司", district: "xinchang", contact: "朱虎" },
  { code: "ZS-XC-02", name: "新昌县再生资源有限公司", district: "xinchang", contact: "秦雪" },
];

/** The enterprise running the 虎哥 household model (one-click pickups) in Xinchang. */
export const HUGE_ENTERPRISE = "ZS-XC-01";

export interface StationPlan {
  district: string;
  kind: "SERVICE_STATION" | "SORTING_CENTRE" | "SMART_BIN";
  count: number;
  /** Enterprise codes, assigned round-robin (weights by repetition). */
  enterprises: string[];
}

/** 398 stations: 361 service stations, 8 sorting centres, 29 smart bins. */
export const STATION_PLAN: StationPlan[] = [
  { district: "yuecheng", kind: "SERVICE_STATION", count: 70, enterprises: ["ZS-YC-01", "ZS-YC-01", "ZS-YC-02"] },
  { district: "yuecheng", kind: "SORTING_CENTRE", count: 2, enterprises: ["ZS-YC-01", "ZS-YC-02"] },
  { district: "yuecheng", kind: "SMART_BIN", count: 12, enterprises: ["ZS-YC-03"] },
  { district: "keqiao", kind: "SERVICE_STATION", count: 70, enterprises: ["ZS-KQ-01", "ZS-KQ-02", "ZS-KQ-01", "ZS-KQ-03"] },
  { district: "keqiao", kind: "SORTING_CENTRE", count: 1, enterprises: ["ZS-KQ-02"] },
  { district: "keqiao", kind: "SMART_BIN", count: 9, enterprises: ["ZS-KQ-03"] },
  { district: "shangyu", kind: "SERVICE_STATION", count: 55, enterprises: ["ZS-SY-01", "ZS-SY-02", "ZS-SY-03"] },
  { district: "shangyu", kind: "SORTING_CENTRE", count: 1, enterprises: ["ZS-SY-02"] },
  { district: "shangyu", kind: "SMART_BIN", count: 4, enterprises: ["ZS-SY-03"] },
  { district: "zhuji", kind: "SERVICE_STATION", count: 80, enterprises: ["ZS-ZJ-01", "ZS-ZJ-02", "ZS-ZJ-03"] },
  { district: "zhuji", kind: "SORTING_CENTRE", count: 2, enterprises: ["ZS-ZJ-01", "ZS-ZJ-02"] },
  { district: "zhuji", kind: "SMART_BIN", count: 4, enterprises: ["ZS-ZJ-03"] },
  { district: "shengzhou", kind: "SERVICE_STATION", count: 40, enterprises: ["ZS-SZ-01", "ZS-SZ-02"] },
  { district: "shengzhou", kind: "SORTING_CENTRE", count: 1, enterprises: ["ZS-SZ-01"] },
  { district: "xinchang", kind: "SERVICE_STATION", count: 46, enterprises: ["ZS-XC-01"] },
  { district: "xinchang", kind: "SORTING_CENTRE", count: 1, enterprises: ["ZS-XC-01"] },
];
// Xinchang: the first 41 service stations are 虎哥's; the rest go to ZS-XC-02 (see seed.ts).
export const HUGE_STATIONS = 41;

export const PLACES: Record<string, string[]> = {
  yuecheng: ["府山", "塔山", "北海", "城南", "东湖", "皋埠", "陶堰", "孙端", "马山", "灵芝", "鉴湖", "斗门", "袍江", "迪荡"],
  keqiao: ["柯桥", "华舍", "湖塘", "齐贤", "安昌", "钱清", "福全", "兰亭", "平水", "杨汛桥", "马鞍", "柯岩", "漓渚", "夏履"],
  shangyu: ["百官", "曹娥", "东关", "崧厦", "道墟", "丰惠", "章镇", "小越", "驿亭", "梁湖", "盖北", "汤浦", "下管"],
  zhuji: ["暨阳", "浣东", "陶朱", "店口", "大唐", "枫桥", "牌头", "次坞", "安华", "草塔", "璜山", "街亭", "山下湖", "应店街"],
  shengzhou: ["剡湖", "三江", "鹿山", "浦口", "甘霖", "长乐", "黄泽", "崇仁", "石璜", "谷来"],
  xinchang: ["南明", "七星", "羽林", "沃洲", "儒岙", "澄潭", "梅渚", "大市聚", "小将", "镜岭"],
};

export interface MaterialMix {
  code: string;
  p: number;
  /** Median kilograms (lognormal) for weighed materials. */
  medianKg: number;
  sigma: number;
}

/** What households bring to scales and bins. */
export const HOUSEHOLD_MIX: MaterialMix[] = [
  { code: "paper_cardboard", p: 0.28, medianKg: 5.5, sigma: 0.7 },
  { code: "paper_news", p: 0.1, medianKg: 4.5, sigma: 0.6 },
  { code: "paper_books", p: 0.07, medianKg: 4.5, sigma: 0.7 },
  { code: "plastic_pet", p: 0.14, medianKg: 1.8, sigma: 0.6 },
  { code: "plastic_mixed", p: 0.09, medianKg: 2.2, sigma: 0.7 },
  { code: "metal_steel", p: 0.06, medianKg: 4.5, sigma: 0.8 },
  { code: "metal_aluminium", p: 0.05, medianKg: 1.3, sigma: 0.6 },
  { code: "metal_copper", p: 0.005, medianKg: 1, sigma: 0.6 },
  { code: "glass", p: 0.05, medianKg: 4, sigma: 0.6 },
  { code: "textile", p: 0.09, medianKg: 4, sigma: 0.7 },
  { code: "carton", p: 0.04, medianKg: 1.3, sigma: 0.5 },
  { code: "ewaste_appliance", p: 0.003, medianKg: 15, sigma: 0.5 },
  { code: "ewaste_phone", p: 0.002, medianKg: 0.2, sigma: 0.3 },
];

/** What shops and small businesses bring to service stations. */
export const BULK_MIX: MaterialMix[] = [
  { code: "paper_cardboard", p: 0.35, medianKg: 70, sigma: 0.6 },
  { code: "metal_steel", p: 0.2, medianKg: 80, sigma: 0.7 },
  { code: "paper_news", p: 0.1, medianKg: 50, sigma: 0.6 },
  { code: "plastic_mixed", p: 0.1, medianKg: 40, sigma: 0.6 },
  { code: "plastic_pet", p: 0.08, medianKg: 30, sigma: 0.6 },
  { code: "glass", p: 0.07, medianKg: 60, sigma: 0.6 },
  { code: "textile", p: 0.05, medianKg: 40, sigma: 0.6 },
  { code: "metal_aluminium", p: 0.03, medianKg: 20, sigma: 0.6 },
  { code: "metal_copper", p: 0.01, medianKg: 8, sigma: 0.6 },
  { code: "paper_books", p: 0.01, medianKg: 30, sigma: 0.6 },
];

/** The supply-and-marketing network's stations (paper 65 %, metal 21 %, other 14 % by weight). */
export const COOP_MIX: MaterialMix[] = [
  { code: "paper_cardboard", p: 0.39, medianKg: 120, sigma: 0.5 },
  { code: "paper_news", p: 0.195, medianKg: 120, sigma: 0.5 },
  { code: "paper_books", p: 0.065, medianKg: 120, sigma: 0.5 },
  { code: "metal_steel", p: 0.18, medianKg: 120, sigma: 0.5 },
  { code: "metal_aluminium", p: 0.025, medianKg: 120, sigma: 0.5 },
  { code: "metal_copper", p: 0.005, medianKg: 120, sigma: 0.5 },
  { code: "plastic_mixed", p: 0.056, medianKg: 120, sigma: 0.5 },
  { code: "plastic_pet", p: 0.028, medianKg: 120, sigma: 0.5 },
  { code: "glass", p: 0.035, medianKg: 120, sigma: 0.5 },
  { code: "textile", p: 0.021, medianKg: 120, sigma: 0.5 },
];

/** Trucks over sorting centres' weighbridges. */
export const WEIGHBRIDGE_MIX: MaterialMix[] = [
  { code: "paper_cardboard", p: 0.35, medianKg: 2800, sigma: 0.6 },
  { code: "metal_steel", p: 0.3, medianKg: 3200, sigma: 0.7 },
  { code: "paper_news", p: 0.08, medianKg: 2500, sigma: 0.6 },
  { code: "plastic_mixed", p: 0.1, medianKg: 1800, sigma: 0.6 },
  { code: "plastic_pet", p: 0.05, medianKg: 1500, sigma: 0.6 },
  { code: "glass", p: 0.07, medianKg: 2500, sigma: 0.6 },
  { code: "metal_aluminium", p: 0.03, medianKg: 1200, sigma: 0.6 },
  { code: "metal_copper", p: 0.01, medianKg: 600, sigma: 0.6 },
  { code: "textile", p: 0.01, medianKg: 1500, sigma: 0.6 },
];

/** Base prices (yuan per kg, or per piece) and daily volatility. */
export const PRICE_BASE: Record<string, { base: number; vol: number }> = {
  paper_cardboard: { base: 1.6, vol: 0.015 },
  paper_news: { base: 1.8, vol: 0.012 },
  paper_books: { base: 1.2, vol: 0.012 },
  plastic_pet: { base: 2.0, vol: 0.015 },
  plastic_mixed: { base: 0.8, vol: 0.015 },
  metal_steel: { base: 2.4, vol: 0.02 },
  metal_aluminium: { base: 9.0, vol: 0.015 },
  metal_copper: { base: 45.0, vol: 0.02 },
  glass: { base: 0.2, vol: 0.02 },
  textile: { base: 0.5, vol: 0.015 },
  carton: { base: 0.6, vol: 0.012 },
  ewaste_appliance: { base: 30.0, vol: 0.01 },
  ewaste_phone: { base: 15.0, vol: 0.01 },
};

export const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤".split("");
export const GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国红玲文辉鹏飞斌宇浩凯健俊帆帅旭宁亮林翔波峰云琳晶颖婷雪慧佳欣怡然梅兰菊海燕春燕秋红晓东小龙志强永庆金凤".split("");

export const SUPERMARKETS = ["联华超市", "世纪联华", "物美超市", "供销超市", "永辉超市", "家家福超市", "华润万家", "好又多超市"];
export const PHARMACIES = ["老百姓大药房", "震元堂", "海王星辰", "九州大药房", "益丰大药房"];
export const GOODS_SUPERMARKET = ["食用油 5L", "大米 10kg", "洗衣液 2kg", "抽纸 12包", "鸡蛋 30枚", "酱油 1.9L", "洗洁精", "牙膏套装", "毛巾", "食盐 5包", "面条 2kg", "香皂"];
export const GOODS_PHARMACY = ["口罩 50只", "维生素C", "创可贴", "医用酒精", "消毒液", "感冒灵颗粒", "体温计", "棉签"];
export const RECYCLERS = ["浙江景兴纸业股份有限公司", "绍兴金属再生利用有限公司", "浙江塑盈再生资源有限公司", "浙江富阳造纸有限公司", "宁波钢铁回收有限公司"];
