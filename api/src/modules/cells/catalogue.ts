/**
 * Reference content of the stream, used by the demo generator and by tests: the nine cell types
 * with their 100-point checklists, and the indicator system (5 groups, 30 indicators) with
 * baselines and 2025 targets, the express-packaging figures from the bulletin among them.
 */

export interface ChecklistDef {
  code: string;
  titleZh: string;
  titleEn: string;
  points: number;
  evidenceZh: string;
  evidenceEn: string;
  method: "RECORDS" | "SITE_CHECK" | "RESIDENT_OPINION";
}

export interface CellTypeDef {
  code: string;
  nameZh: string;
  nameEn: string;
  /** Type-specific items: source reduction, resource use, proper disposal. */
  reduce: [string, string, string, string];
  reuse: [string, string, string, string];
  dispose: [string, string, string, string];
}

/** [titleZh, titleEn, evidenceZh, evidenceEn] */
export const CELL_TYPES: CellTypeDef[] = [
  {
    code: "SCHOOL",
    nameZh: "学校",
    nameEn: "School",
    reduce: ["开展“光盘行动”，推行无纸化办公和教材循环使用", "Clean-plate campaign, paperless office and textbook reuse", "食堂剩余饭菜称重记录、教材循环使用登记", "Canteen leftover weighing records, textbook reuse register"],
    reuse: ["设置校园可回收物回收点，开展废旧物品再利用实践活动", "Recyclables collection point on campus; reuse activities", "回收点照片、回收台账、活动记录", "Photos of the point, collection ledger, activity records"],
    dispose: ["实验室废液、废试剂等危险废物规范收集、贮存并交有资质单位处置", "Laboratory waste liquids and reagents collected, stored and handed to a licensed operator", "危废贮存点照片、转移联单、委托处置合同", "Photos of the storage point, transfer manifests, disposal contract"],
  },
  {
    code: "HOSPITAL",
    nameZh: "医院",
    nameEn: "Hospital",
    reduce: ["减少一次性用品使用，推行电子病历、电子票据", "Fewer disposables; electronic records and receipts", "一次性用品采购量对比、电子病历使用率", "Purchase figures of disposables, e-record usage rate"],
    reuse: ["未被污染的输液瓶（袋）单独收集并交再生利用企业", "Uncontaminated infusion bottles and bags collected separately for recycling", "输液瓶（袋）回收台账、回收企业协议", "Infusion bottle ledger, agreement with the recycler"],
    dispose: ["医疗废物分类收集、暂存、交接全程规范，转移联单齐全", "Medical waste sorted, stored and handed over by the rules with complete manifests", "医废暂存间现场检查、交接记录、转移联单", "Site check of the medical waste store, hand-over records, manifests"],
  },
  {
    code: "HOTEL",
    nameZh: "饭店",
    nameEn: "Hotel / restaurant",
    reduce: ["不主动提供一次性日用品，推行小份菜、半份菜", "No disposable toiletries offered unasked; small and half portions", "客房一次性用品提示牌、菜单照片", "Room signs on disposables, menu photos"],
    reuse: ["餐厨垃圾单独收集并交有资质单位资源化利用", "Food waste collected separately for licensed resource use", "餐厨垃圾收运合同、收运记录", "Food waste contract and collection records"],
    dispose: ["废弃油脂规范收集、去向可追溯", "Waste cooking oil collected with traceable destination", "油水分离设施照片、废油脂交接台账", "Grease trap photos, waste oil hand-over ledger"],
  },
  {
    code: "COMMUNITY",
    nameZh: "社区（村）",
    nameEn: "Community / village",
    reduce: ["倡导绿色生活方式，开展闲置物品交换活动", "Green lifestyles; exchanges of unused items", "活动记录、居民参与名册", "Activity records, participant lists"],
    reuse: ["设置再生资源回收站点，推行积分兑换", "Renewable-resource collection point with points rewards", "回收站点照片、积分兑换记录", "Photos of the station, points redemption records"],
    dispose: ["有害垃圾、大件垃圾、装修垃圾定点投放、规范收运", "Hazardous household, bulky and renovation waste dropped at set points and collected properly", "投放点照片、收运台账", "Photos of drop-off points, collection ledger"],
  },
  {
    code: "ENTERPRISE",
    nameZh: "工厂（企业）",
    nameEn: "Factory / enterprise",
    reduce: ["开展清洁生产审核，降低单位产值固废产生量", "Cleaner-production audit; less solid waste per unit of output", "清洁生产审核报告、固废产生强度对比", "Cleaner-production audit report, waste intensity comparison"],
    reuse: ["一般工业固废分类贮存、综合利用率达标", "General industrial solid waste stored by class; utilisation rate met", "固废台账、综合利用协议", "Solid-waste ledger, utilisation agreements"],
    dispose: ["危险废物规范化环境管理评估达标，申报、贮存、转移合规", "Hazardous waste management assessment passed; declaration, storage and transfer compliant", "危废管理计划、贮存场所检查、转移联单", "Hazardous waste plan, storage inspection, manifests"],
  },
  {
    code: "GOVERNMENT",
    nameZh: "机关",
    nameEn: "Government office",
    reduce: ["推行无纸化办公和绿色采购，不使用一次性杯具", "Paperless office and green purchasing; no disposable cups", "办公系统使用记录、采购清单", "Office system usage, purchase lists"],
    reuse: ["办公废弃物分类回收，废旧家具、电子产品再利用", "Office waste sorted for recycling; old furniture and electronics reused", "回收台账、资产处置记录", "Recycling ledger, asset disposal records"],
    dispose: ["废旧电子产品、硒鼓墨盒等交有资质单位处置", "Old electronics, toner and ink cartridges handed to licensed operators", "处置协议、交接记录", "Disposal agreement, hand-over records"],
  },
  {
    code: "MARKET",
    nameZh: "农贸市场",
    nameEn: "Farmers' market",
    reduce: ["禁止销售和使用不可降解塑料购物袋", "No non-degradable plastic shopping bags sold or used", "商户承诺书、现场抽查记录", "Vendor pledges, spot-check records"],
    reuse: ["果蔬垃圾就地处理或资源化利用", "Fruit and vegetable waste treated on site or put to use", "处理设备照片、处理量台账", "Equipment photos, treatment ledger"],
    dispose: ["市场垃圾分类收集、日产日清", "Market waste sorted and cleared daily", "清运记录、现场检查", "Clearance records, site check"],
  },
  {
    code: "SCENIC",
    nameZh: "景区",
    nameEn: "Scenic spot",
    reduce: ["景区内禁塑限塑，减少一次性用品", "Plastic ban in the scenic area; fewer disposables", "商铺检查记录、游客须知", "Shop inspection records, visitor notices"],
    reuse: ["园林绿化垃圾资源化利用", "Garden and greening waste put to use", "园林垃圾处理记录", "Garden waste treatment records"],
    dispose: ["游客垃圾分类投放设施完善、清运及时", "Sorting bins for visitors in place; timely clearance", "设施分布图、清运记录", "Map of bins, clearance records"],
  },
  {
    code: "POSTAL",
    nameZh: "快递网点（邮政）",
    nameEn: "Express / postal outlet",
    reduce: ["使用新型绿色标准箱、45mm 窄胶带、免胶带纸箱", "Green standard boxes, 45 mm narrow tape and tape-free boxes", "包装物采购记录、现场抽查", "Packaging purchase records, spot checks"],
    reuse: ["配置包装废弃物回收装置，推广可循环快递包装", "Packaging recycling device on site; reusable express packaging", "回收装置照片、可循环包装使用记录", "Device photos, reusable packaging records"],
    dispose: ["不可回收包装废弃物分类投放、规范清运", "Non-recyclable packaging waste sorted and cleared properly", "清运记录、现场检查", "Clearance records, site check"],
  },
];

/** The 100-point checklist of a type: common items plus the type's own. */
export function checklistFor(t: CellTypeDef): ChecklistDef[] {
  return [
    { code: "ORG", titleZh: "成立创建工作领导小组，制定创建方案并落实责任人", titleEn: "A working group, a plan and named persons responsible", points: 10, evidenceZh: "成立文件、创建方案", evidenceEn: "Founding document, plan", method: "RECORDS" },
    { code: "RULES", titleZh: "建立固体废物管理制度和分类台账", titleEn: "Solid-waste rules and sorted ledgers", points: 10, evidenceZh: "管理制度文本、近 6 个月台账", evidenceEn: "Rules, ledgers of the last 6 months", method: "RECORDS" },
    { code: "REDUCE", titleZh: t.reduce[0], titleEn: t.reduce[1], points: 15, evidenceZh: t.reduce[2], evidenceEn: t.reduce[3], method: "RECORDS" },
    { code: "SORT", titleZh: "生活垃圾分类设施配置齐全，分类投放准确率达到 90% 以上", titleEn: "Sorting bins in place; sorting accuracy of 90 % or more", points: 15, evidenceZh: "现场检查分类设施及投放情况", evidenceEn: "Site check of bins and sorting", method: "SITE_CHECK" },
    { code: "REUSE", titleZh: t.reuse[0], titleEn: t.reuse[1], points: 15, evidenceZh: t.reuse[2], evidenceEn: t.reuse[3], method: "SITE_CHECK" },
    { code: "DISPOSE", titleZh: t.dispose[0], titleEn: t.dispose[1], points: 15, evidenceZh: t.dispose[2], evidenceEn: t.dispose[3], method: "SITE_CHECK" },
    { code: "PUBLICITY", titleZh: "开展“无废”理念宣传教育，知晓率达到 90% 以上", titleEn: "Zero-waste publicity and education; awareness of 90 % or more", points: 10, evidenceZh: "宣传活动记录、宣传品照片、知晓率调查", evidenceEn: "Activity records, materials, awareness survey", method: "RECORDS" },
    { code: "OPINION", titleZh: "职工、居民（顾客）对创建工作满意度达到 90% 以上", titleEn: "Staff and residents (customers) 90 % or more satisfied", points: 10, evidenceZh: "满意度问卷及统计", evidenceEn: "Satisfaction questionnaire and results", method: "RESIDENT_OPINION" },
  ];
}

export interface GroupDef {
  code: string;
  nameZh: string;
  nameEn: string;
  weight: string;
}

export const INDICATOR_GROUPS: GroupDef[] = [
  { code: "SOURCE_REDUCTION", nameZh: "固体废物源头减量", nameEn: "Source reduction of solid waste", weight: "0.25" },
  { code: "RESOURCE_USE", nameZh: "固体废物资源化利用", nameEn: "Resource use of solid waste", weight: "0.25" },
  { code: "FINAL_DISPOSAL", nameZh: "固体废物最终处置", nameEn: "Final disposal of solid waste", weight: "0.20" },
  { code: "SUPPORT_CAPACITY", nameZh: "保障能力", nameEn: "Support capacity", weight: "0.15" },
  { code: "PUBLIC_BENEFIT", nameZh: "群众获得感", nameEn: "Public sense of benefit", weight: "0.15" },
];

export interface IndicatorDef {
  code: string;
  group: string;
  categoryZh: string;
  categoryEn: string;
  nameZh: string;
  nameEn: string;
  unit: string;
  direction: "HIGHER_BETTER" | "LOWER_BETTER";
  mandatory: boolean;
  formula: string;
  /** Department code of core.departments. */
  department: string;
  /** City baseline (2020) and 2025 target. */
  baseline: number;
  target2025: number;
  /** Decimals to keep. */
  places: number;
  /** Counts are split over the districts (their district values add up to the city's). */
  additive?: boolean;
  inIndex?: boolean;
  /** Exact city values at 2021 Q4 from the bulletin. */
  bulletin2021?: number;
}

export const INDICATORS: IndicatorDef[] = [
  // 源头减量
  { code: "IND_SW_INTENSITY", group: "SOURCE_REDUCTION", categoryZh: "工业源头减量", categoryEn: "Industrial source reduction", nameZh: "一般工业固体废物产生强度", nameEn: "General industrial solid-waste generation intensity", unit: "吨/万元", direction: "LOWER_BETTER", mandatory: true, formula: "一般工业固体废物产生量 ÷ 规模以上工业增加值（万元）", department: "economy", baseline: 0.31, target2025: 0.26, places: 3 },
  { code: "IND_HW_INTENSITY", group: "SOURCE_REDUCTION", categoryZh: "工业源头减量", categoryEn: "Industrial source reduction", nameZh: "工业危险废物产生强度", nameEn: "Industrial hazardous-waste generation intensity", unit: "吨/万元", direction: "LOWER_BETTER", mandatory: true, formula: "工业危险废物产生量 ÷ 规模以上工业增加值（万元）", department: "ecology", baseline: 0.042, target2025: 0.035, places: 4 },
  { code: "CLEAN_PRODUCTION", group: "SOURCE_REDUCTION", categoryZh: "工业源头减量", categoryEn: "Industrial source reduction", nameZh: "通过清洁生产审核的重点企业比例", nameEn: "Key enterprises with a cleaner-production audit", unit: "%", direction: "HIGHER_BETTER", mandatory: false, formula: "完成清洁生产审核的重点企业数 ÷ 应开展审核的重点企业数 × 100%", department: "economy", baseline: 82, target2025: 100, places: 1 },
  { code: "GREEN_BUILDING", group: "SOURCE_REDUCTION", categoryZh: "建筑领域源头减量", categoryEn: "Source reduction in construction", nameZh: "城镇新建建筑中绿色建筑占比", nameEn: "Green buildings among new urban buildings", unit: "%", direction: "HIGHER_BETTER", mandatory: true, formula: "新建绿色建筑面积 ÷ 城镇新建建筑面积 × 100%", department: "housing", baseline: 90, target2025: 100, places: 1 },
  { code: "DOMESTIC_PER_CAPITA", group: "SOURCE_REDUCTION", categoryZh: "生活领域源头减量", categoryEn: "Source reduction in daily life", nameZh: "人均生活垃圾日清运量", nameEn: "Domestic waste collected per person per day", unit: "千克/人·日", direction: "LOWER_BETTER", mandatory: true, formula: "生活垃圾清运量 ÷ 常住人口 ÷ 天数", department: "enforcement", baseline: 1.12, target2025: 1.0, places: 2 },
  { code: "GREEN_BOX_RATE", group: "SOURCE_REDUCTION", categoryZh: "快递包装绿色转型", categoryEn: "Green express packaging", nameZh: "邮政网点新型绿色标准箱使用率", nameEn: "Postal outlets using green standard boxes", unit: "%", direction: "HIGHER_BETTER", mandatory: false, formula: "使用新型绿色标准箱的邮政网点数 ÷ 邮政网点总数 × 100%", department: "postal", baseline: 70, target2025: 100, places: 1, bulletin2021: 100 },
  { code: "NARROW_TAPE_RATE", group: "SOURCE_REDUCTION", categoryZh: "快递包装绿色转型", categoryEn: "Green express packaging", nameZh: "45mm 以下“瘦身胶带”封装比例", nameEn: "Parcels sealed with 45 mm narrow tape", unit: "%", direction: "HIGHER_BETTER", mandatory: true, formula: "使用 45mm 以下窄胶带封装的邮件快件量 ÷ 邮件快件总量 × 100%", department: "postal", baseline: 75, target2025: 100, places: 1, bulletin2021: 100 },
  { code: "TAPE_FREE_BOX_RATE", group: "SOURCE_REDUCTION", categoryZh: "快递包装绿色转型", categoryEn: "Green express packaging", nameZh: "邮政网点免胶带纸箱使用率", nameEn: "Postal outlets using tape-free boxes", unit: "%", direction: "HIGHER_BETTER", mandatory: false, formula: "使用免胶带纸箱的邮政网点数 ÷ 邮政网点总数 × 100%", department: "postal", baseline: 40, target2025: 100, places: 1, bulletin2021: 100 },
  { code: "PESTICIDE_PACK", group: "SOURCE_REDUCTION", categoryZh: "农业源头减量", categoryEn: "Agricultural source reduction", nameZh: "农药包装废弃物回收率", nameEn: "Pesticide packaging waste recovered", unit: "%", direction: "HIGHER_BETTER", mandatory: true, formula: "农药包装废弃物回收量 ÷ 产生量 × 100%", department: "agriculture", baseline: 85, target2025: 95, places: 1 },
  // 资源化利用
  { code: "IND_SW_UTIL", group: "RESOURCE_USE", categoryZh: "工业固废资源化", categoryEn: "Industrial solid-waste use", nameZh: "一般工业固体废物综合利用率", nameEn: "General industrial solid-waste utilisation rate", unit: "%", direction: "HIGHER_BETTER", mandatory: true, formula: "（综合利用量 − 综合利用往年贮存量）÷ 产生量 × 100%", department: "economy", baseline: 93.5, target2025: 97, places: 1 },
  { code: "CONSTRUCTION_UTIL", group: "RESOURCE_USE", categoryZh: "建筑垃圾资源化", categoryEn: "Construction-waste use", nameZh: "建筑垃圾综合利用率", nameEn: "Construction-waste utilisation rate", unit: "%", direction: "HIGHER_BETTER", mandatory: true, formula: "建筑垃圾资源化利用量 ÷ 产生量 × 100%", department: "housing", baseline: 45, target2025: 60, places: 1 },
  { code: "DOMESTIC_RECYCLING", group: "RESOURCE_USE", categoryZh: "生活垃圾资源化", categoryEn: "Domestic-waste use", nameZh: "生活垃圾回收利用率", nameEn: "Domestic-waste recycling rate", unit: "%", direction: "HIGHER_BETTER", mandatory: true, formula: "（可回收物 + 厨余垃圾 + 有害垃圾）回收利用量 ÷ 生活垃圾总量 × 100%", department: "enforcement", baseline: 45, target2025: 60, places: 1 },
  { code: "RECYCLED_TONNAGE", group: "RESOURCE_USE", categoryZh: "再生资源回收", categoryEn: "Renewable-resource recycling", nameZh: "再生资源回收量（年累计）", nameEn: "Renewable resources recovered (year to date)", unit: "万吨", direction: "HIGHER_BETTER", mandatory: false, formula: "纳入回收体系数据平台的再生资源回收量，年累计", department: "commerce", baseline: 85, target2025: 110, places: 2, additive: true },
  { code: "STRAW_UTIL", group: "RESOURCE_USE", categoryZh: "农业废弃物资源化", categoryEn: "Agricultural waste use", nameZh: "农作物秸秆综合利用率", nameEn: "Crop straw utilisation rate", unit: "%", direction: "HIGHER_BETTER", mandatory: true, formula: "秸秆综合利用量 ÷ 秸秆可收集量 × 100%", department: "agriculture", baseline: 95, target2025: 97, places: 1 },
  { code: "MANURE_UTIL", group: "RESOURCE_USE", categoryZh: "农业废弃物资源化", categoryEn: "Agricultural waste use", nameZh: "畜禽粪污综合利用率", nameEn: "Livestock manure utilisation rate", unit: "%", direction: "HIGHER_BETTER", mandatory: true, formula: "畜禽粪污综合利用量 ÷ 产生量 × 100%", department: "agriculture", baseline: 91, target2025: 95, places: 1 },
  { code: "PACK_RECYCLE_DEVICES", group: "RESOURCE_USE", categoryZh: "快递包装回收", categoryEn: "Express packaging recovery", nameZh: "邮政网点包装废弃物回收装置数", nameEn: "Packaging recycling devices at postal outlets", unit: "个", direction: "HIGHER_BETTER", mandatory: false, formula: "配备包装废弃物回收装置的数量（年末保有）", department: "postal", baseline: 120, target2025: 320, places: 0, additive: true, bulletin2021: 213 },
  { code: "REUSABLE_PACKAGES", group: "RESOURCE_USE", categoryZh: "快递包装回收", categoryEn: "Express packaging recovery", nameZh: "可循环快递包装应用数量（累计）", nameEn: "Reusable express packages in use (cumulative)", unit: "万个", direction: "HIGHER_BETTER", mandatory: false, formula: "累计应用和回收的可循环快递包装数量", department: "postal", baseline: 2.0, target2025: 20, places: 2, additive: true, bulletin2021: 5.7 },
  // 最终处置
  { code: "HW_UTIL_DISPOSAL", group: "FINAL_DISPOSAL", categoryZh: "危险废物安全处置", categoryEn: "Safe disposal of hazardous waste", nameZh: "工业危险废物利用处置率", nameEn: "Industrial hazardous-waste utilisation and disposal rate", unit: "%", direction: "HIGHER_BETTER", mandatory: true, formula: "工业危险废物利用处置量 ÷ 产生量 × 100%", department: "ecology", baseline: 99.2, target2025: 100, places: 1 },
  { code: "SMALL_HW_COVERAGE", group: "FINAL_DISPOSAL", categoryZh: "危险废物安全处置", categoryEn: "Safe disposal of hazardous waste", nameZh: "小微企业危险废物统一收运覆盖率", nameEn: "Small and micro enterprises covered by unified hazardous-waste collection", unit: "%", direction: "HIGHER_BETTER", mandatory: false, formula: "签约统一收运的小微产废企业数 ÷ 小微产废企业总数 × 100%", department: "ecology", baseline: 60, target2025: 100, places: 1 },
  { code: "MEDICAL_COVERAGE", group: "FINAL_DISPOSAL", categoryZh: "医疗废物安全处置", categoryEn: "Safe disposal of medical waste", nameZh: "医疗废物收集处置体系覆盖率", nameEn: "Medical-waste collection and disposal coverage", unit: "%", direction: "HIGHER_BETTER", mandatory: true, formula: "纳入收集处置体系的医疗机构数 ÷ 医疗机构总数 × 100%", department: "health", baseline: 96, target2025: 100, places: 1 },
  { code: "DOMESTIC_HARMLESS", group: "FINAL_DISPOSAL", categoryZh: "生活垃圾处置", categoryEn: "Domestic-waste disposal", nameZh: "生活垃圾无害化处理率", nameEn: "Domestic waste treated harmlessly", unit: "%", direction: "HIGHER_BETTER", mandatory: true, formula: "生活垃圾无害化处理量 ÷ 清运量 × 100%", department: "enforcement", baseline: 100, target2025: 100, places: 1 },
  { code: "LANDFILL_SHARE", group: "FINAL_DISPOSAL", categoryZh: "生活垃圾处置", categoryEn: "Domestic-waste disposal", nameZh: "原生生活垃圾填埋量占比", nameEn: "Share of raw domestic waste landfilled", unit: "%", direction: "LOWER_BETTER", mandatory: true, formula: "原生生活垃圾填埋量 ÷ 清运量 × 100%（目标零填埋）", department: "enforcement", baseline: 8, target2025: 0.5, places: 1 },
  { code: "SPOIL_DISPOSAL_MATCH", group: "FINAL_DISPOSAL", categoryZh: "建筑垃圾消纳", categoryEn: "Construction-spoil disposal", nameZh: "工程渣土消纳能力与出土量匹配率", nameEn: "Spoil disposal capacity against spoil generated", unit: "%", direction: "HIGHER_BETTER", mandatory: false, formula: "备案消纳场所可消纳量 ÷ 备案工地出土量 × 100%（封顶 100%）", department: "housing", baseline: 92, target2025: 100, places: 1 },
  // 保障能力
  { code: "POLICY_DOCS", group: "SUPPORT_CAPACITY", categoryZh: "制度体系", categoryEn: "Rules and policies", nameZh: "“无废城市”建设地方性法规、政策文件数（累计）", nameEn: "Local regulations and policy documents for the zero-waste city (cumulative)", unit: "件", direction: "HIGHER_BETTER", mandatory: true, formula: "累计出台的地方性法规、规章和规范性文件数", department: "zero_waste_office", baseline: 18, target2025: 45, places: 0 },
  { code: "PLATFORM_COVERAGE", group: "SUPPORT_CAPACITY", categoryZh: "监管能力", categoryEn: "Supervision capacity", nameZh: "固体废物信息化监管平台覆盖率", nameEn: "Solid-waste units covered by the digital supervision platform", unit: "%", direction: "HIGHER_BETTER", mandatory: true, formula: "接入信息化平台的产废单位数 ÷ 产废单位总数 × 100%", department: "zero_waste_office", baseline: 55, target2025: 100, places: 1 },
  { code: "HW_ASSESSMENT", group: "SUPPORT_CAPACITY", categoryZh: "监管能力", categoryEn: "Supervision capacity", nameZh: "危险废物规范化环境管理评估达标率", nameEn: "Hazardous-waste management assessment pass rate", unit: "%", direction: "HIGHER_BETTER", mandatory: true, formula: "评估达标单位数 ÷ 参评单位数 × 100%", department: "ecology", baseline: 88, target2025: 95, places: 1 },
  { code: "ZERO_WASTE_CELLS", group: "SUPPORT_CAPACITY", categoryZh: "无废细胞", categoryEn: "Zero-waste cells", nameZh: "无废细胞建成数量（累计）", nameEn: "Zero-waste cells certified (cumulative)", unit: "个", direction: "HIGHER_BETTER", mandatory: true, formula: "经评定命名且在有效期内的无废细胞数", department: "zero_waste_office", baseline: 60, target2025: 360, places: 0, additive: true },
  { code: "POSTAL_DEVICE_COVERAGE", group: "SUPPORT_CAPACITY", categoryZh: "快递包装回收", categoryEn: "Express packaging recovery", nameZh: "邮政网点包装废弃物回收装置配置比例", nameEn: "Postal outlets with a packaging recycling device", unit: "%", direction: "HIGHER_BETTER", mandatory: false, formula: "配置回收装置的邮政网点数 ÷ 邮政网点总数 × 100%", department: "postal", baseline: 50, target2025: 100, places: 1, bulletin2021: 100 },
  // 群众获得感
  { code: "PUBLIC_AWARENESS", group: "PUBLIC_BENEFIT", categoryZh: "宣传教育", categoryEn: "Publicity and education", nameZh: "公众对“无废城市”建设的知晓率", nameEn: "Public awareness of the zero-waste city", unit: "%", direction: "HIGHER_BETTER", mandatory: true, formula: "问卷调查中知晓的受访者数 ÷ 受访者总数 × 100%", department: "zero_waste_office", baseline: 72, target2025: 92, places: 1 },
  { code: "PUBLIC_SATISFACTION", group: "PUBLIC_BENEFIT", categoryZh: "群众满意", categoryEn: "Public satisfaction", nameZh: "公众对“无废城市”建设成效的满意度", nameEn: "Public satisfaction with the zero-waste city", unit: "%", direction: "HIGHER_BETTER", mandatory: true, formula: "问卷调查中满意的受访者数 ÷ 受访者总数 × 100%", department: "zero_waste_office", baseline: 80, target2025: 92, places: 1 },
  { code: "EDUCATION_COVERAGE", group: "PUBLIC_BENEFIT", categoryZh: "宣传教育", categoryEn: "Publicity and education", nameZh: "中小学“无废”教育普及率", nameEn: "Primary and secondary schools with zero-waste education", unit: "%", direction: "HIGHER_BETTER", mandatory: false, formula: "开展无废教育的中小学校数 ÷ 中小学校总数 × 100%", department: "education", baseline: 60, target2025: 100, places: 1 },
];

/** Share of the city's count values by district (additive indicators), in district order. */
export const DISTRICT_SHARE: Record<number, number> = { 330602: 0.22, 330603: 0.21, 330604: 0.18, 330681: 0.17, 330683: 0.12, 330624: 0.1 };

/** Postal recycling devices per district in 2021 Q4 — adding up to the bulletin's 213. */
export const DEVICES_2021: Record<number, number> = { 330602: 48, 330603: 44, 330604: 38, 330681: 37, 330683: 25, 330624: 21 };
/** Reusable packages (万个) per district in 2021 Q4 — adding up to the bulletin's 5.7. */
export const REUSABLE_2021: Record<number, string> = { 330602: "1.30", 330603: "1.20", 330604: "1.00", 330681: "1.10", 330683: "0.60", 330624: "0.50" };
