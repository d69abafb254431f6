/**
 * Reference data: the codes of the National Catalogue of Hazardous Wastes (国家危险废物名录, 2021
 * edition) this platform uses, and the utilisation/disposal method codes (利用处置方式) recorded when a
 * receiver disposes of a load. The same list is loaded into hazardous.waste_codes by migration
 * 0001_reference_data (a test keeps the two equal).
 */
export interface WasteCodeRef {
  code: string;
  category: string;
  categoryNameZh: string;
  nameZh: string;
  nameEn: string;
  characteristics: string[];
}

const c = (code: string, categoryNameZh: string, nameZh: string, nameEn: string, characteristics: string[]): WasteCodeRef => ({
  code,
  category: `HW${code.slice(-2)}`,
  categoryNameZh,
  nameZh,
  nameEn,
  characteristics,
});

export const WASTE_CODES: readonly WasteCodeRef[] = [
  c("900-402-06", "废有机溶剂与含有机溶剂废物", "废弃的易燃易爆有机溶剂（清洗剂、萃取剂、溶剂或反应介质）", "Spent flammable organic solvents (cleaning, extraction, reaction media)", ["T", "I", "R"]),
  c("900-404-06", "废有机溶剂与含有机溶剂废物", "废弃的其他列入《危险化学品目录》的有机溶剂", "Other spent organic solvents listed as hazardous chemicals", ["T", "I", "R"]),
  c("900-199-08", "废矿物油与含矿物油废物", "内燃机、汽车、轮船等集中拆解过程产生的废矿物油及油泥", "Waste mineral oil and oil sludge from dismantling engines and vehicles", ["T", "I"]),
  c("900-210-08", "废矿物油与含矿物油废物", "含油废水处理中隔油、气浮、沉淀等处理过程产生的浮油、浮渣和污泥", "Oil, scum and sludge from oily-wastewater treatment", ["T", "I"]),
  c("900-214-08", "废矿物油与含矿物油废物", "车辆、机械维修和拆解过程中产生的废发动机油、制动器油、自动变速器油、齿轮油等废润滑油", "Spent engine, brake, transmission and gear oils from vehicle and machinery repair", ["T", "I"]),
  c("900-217-08", "废矿物油与含矿物油废物", "使用工业齿轮油进行机械设备润滑过程中产生的废润滑油", "Spent industrial gear lubricating oil", ["T", "I"]),
  c("900-218-08", "废矿物油与含矿物油废物", "液压设备维护、更换和拆解过程中产生的废液压油", "Spent hydraulic oil", ["T", "I"]),
  c("900-249-08", "废矿物油与含矿物油废物", "其他生产、销售、使用过程中产生的废矿物油及沾染矿物油的废弃包装物", "Other waste mineral oil and oil-contaminated packaging", ["T", "I"]),
  c("900-006-09", "油/水、烃/水混合物或乳化液", "使用切削油或切削液进行机械加工过程中产生的油/水、烃/水混合物或乳化液", "Oil/water mixtures and emulsions from machining with cutting fluids", ["T"]),
  c("900-013-11", "精（蒸）馏残渣", "化工生产过程中精馏、蒸馏和热解工艺产生的高沸点釜底残余物", "High-boiling still bottoms from distillation in chemical production", ["T"]),
  c("264-011-12", "染料、涂料废物", "其他油墨、染料、颜料、油漆生产过程中产生的废母液、残渣、中间体废物", "Mother liquors, residues and intermediates from ink, dye, pigment and paint production", ["T"]),
  c("900-252-12", "染料、涂料废物", "使用油漆（不包括水性漆）、有机溶剂进行喷漆、上漆过程中产生的废物", "Wastes from spray painting with solvent-based paints", ["T", "I"]),
  c("900-253-12", "染料、涂料废物", "使用油墨和有机溶剂进行丝网印刷过程中产生的废物", "Wastes from screen printing with inks and solvents", ["T", "I"]),
  c("900-299-12", "染料、涂料废物", "生产、销售及使用过程中产生的失效、变质、不合格、淘汰的油墨、染料、颜料、油漆", "Expired, off-spec or obsolete inks, dyes, pigments and paints", ["T"]),
  c("900-014-13", "有机树脂类废物", "废弃的粘合剂和密封剂（不包括水基型和热熔型）", "Discarded adhesives and sealants (not water-based or hot-melt)", ["T"]),
  c("336-054-17", "表面处理废物", "使用镍和电镀化学品进行镀镍产生的废槽液、槽渣和废水处理污泥", "Spent baths, residues and sludge from nickel plating", ["T"]),
  c("336-063-17", "表面处理废物", "其他电镀工艺产生的废槽液、槽渣和废水处理污泥", "Spent baths, residues and sludge from other electroplating", ["T"]),
  c("336-064-17", "表面处理废物", "金属或塑料表面酸（碱）洗、除油、除锈、洗涤、磷化、出光、化抛工艺产生的废腐蚀液、废洗涤液、废槽液、槽渣和废水处理污泥", "Spent etching, washing and bath liquors and sludge from pickling, degreasing, phosphating and polishing of metal or plastic surfaces", ["T", "C"]),
  c("398-004-22", "含铜废物", "线路板生产过程中产生的废蚀铜液", "Spent copper etchant from circuit-board production", ["T"]),
  c("900-023-29", "含汞废物", "生产、销售及使用过程中产生的废含汞荧光灯管及其他废含汞电光源", "Waste mercury-containing fluorescent lamps and other mercury light sources", ["T"]),
  c("900-052-31", "含铅废物", "废铅蓄电池及废铅蓄电池拆解过程中产生的废铅板、废铅膏和酸液", "Waste lead-acid batteries and their plates, paste and acid", ["T", "C"]),
  c("900-349-34", "废酸", "生产、销售及使用过程中产生的失效、变质、不合格、淘汰的强酸性擦洗粉、清洁剂、污迹去除剂以及其他强酸性废酸液和酸渣", "Spent or off-spec strongly acidic cleaners and other waste acids", ["C", "T"]),
  c("900-352-35", "废碱", "使用碱进行清洗除蜡、碱性除油、电镀后表面处理以及电镀前碱洗产生的废碱液", "Spent alkaline cleaning and degreasing liquors", ["C", "T"]),
  c("900-039-49", "其他废物", "烟气、VOCs 治理过程（不包括餐饮行业油烟治理过程）产生的废活性炭", "Spent activated carbon from flue-gas and VOC treatment", ["T"]),
  c("900-041-49", "其他废物", "含有或沾染毒性、感染性危险废物的废弃的包装物、容器、过滤吸附介质", "Discarded packaging, containers and filter media contaminated with toxic or infectious hazardous waste", ["T", "In"]),
  c("900-045-49", "其他废物", "废电路板（包括已拆除或未拆除元器件的废弃电路板）", "Waste circuit boards", ["T"]),
  c("900-047-49", "其他废物", "化学和生物实验室产生的废液、残留样品及沾染上述物质的一次性实验用品、包装物、过滤吸附介质等", "Waste liquids, residual samples and contaminated disposables from chemical and biological laboratories", ["T", "C", "I", "R"]),
  c("900-049-50", "废催化剂", "机动车和非道路移动机械尾气净化废催化剂", "Spent exhaust catalysts of motor vehicles and non-road machinery", ["T"]),
];

export const WASTE_CODE_SET = new Set(WASTE_CODES.map((w) => w.code));
export const wasteCodeRef = (code: string) => WASTE_CODES.find((w) => w.code === code);
export const WASTE_CATEGORIES = [...new Set(WASTE_CODES.map((w) => w.category))].sort();

/** Codes typical of each contract unit type (demo data, and a hint in the collection form). */
export const TYPICAL_CODES: Record<"INDUSTRIAL" | "LABORATORY" | "AUTO_REPAIR", string[]> = {
  INDUSTRIAL: ["900-249-08", "900-041-49", "900-039-49", "900-006-09", "900-252-12", "336-064-17", "264-011-12", "900-014-13"],
  LABORATORY: ["900-047-49", "900-041-49", "900-402-06"],
  AUTO_REPAIR: ["900-214-08", "900-041-49", "900-052-31", "900-249-08", "900-049-50"],
};

/** 利用处置方式 — method codes a receiver records (R: utilisation, D: disposal, C: co-processing). */
export const DISPOSAL_METHODS: readonly { code: string; kind: "UTILISATION" | "DISPOSAL"; nameZh: string; nameEn: string }[] = [
  { code: "R1", kind: "UTILISATION", nameZh: "作为燃料（直接燃烧除外）或以其他方式产生能量", nameEn: "Used as fuel or to generate energy" },
  { code: "R2", kind: "UTILISATION", nameZh: "溶剂回收/再生（如蒸馏、萃取等）", nameEn: "Solvent reclamation/regeneration" },
  { code: "R4", kind: "UTILISATION", nameZh: "再循环/再利用金属和金属化合物", nameEn: "Recycling/reclamation of metals and metal compounds" },
  { code: "R5", kind: "UTILISATION", nameZh: "再循环/再利用其他无机物", nameEn: "Recycling/reclamation of other inorganic materials" },
  { code: "R6", kind: "UTILISATION", nameZh: "再生酸或碱", nameEn: "Regeneration of acids or bases" },
  { code: "R9", kind: "UTILISATION", nameZh: "废油再提炼或其他废油的再利用", nameEn: "Re-refining or other reuse of used oil" },
  { code: "R15", kind: "UTILISATION", nameZh: "其他利用方式", nameEn: "Other utilisation" },
  { code: "D1", kind: "DISPOSAL", nameZh: "填埋", nameEn: "Landfill" },
  { code: "D9", kind: "DISPOSAL", nameZh: "物理化学处理", nameEn: "Physico-chemical treatment" },
  { code: "D10", kind: "DISPOSAL", nameZh: "焚烧", nameEn: "Incineration" },
  { code: "C1", kind: "DISPOSAL", nameZh: "水泥窑协同处置", nameEn: "Co-processing in cement kilns" },
  { code: "D16", kind: "DISPOSAL", nameZh: "其他处置方式", nameEn: "Other disposal" },
];
export const DISPOSAL_METHOD_CODES = new Set(DISPOSAL_METHODS.map((m) => m.code));
