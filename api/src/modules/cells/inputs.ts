/**
 * GraphQL input types of the cells stream, with class-validator limits (bad input becomes
 * BAD_USER_INPUT naming each field; business rules are checked in the services).
 */
import { ArrayMaxSize, ArrayMinSize, IsIn, IsOptional, Length, Matches, Max, MaxLength, Min, ValidateNested } from "class-validator";
import { GraphQLDateTime } from "graphql-scalars";
import { Field, ID, InputType, Int } from "type-graphql";
import { AcademyKindKey, AcademyStatusKey, AssessmentMethod, CellApplicationStatus, CellUnitStatus, CertificateLevel, IndicatorDirection, PublicityKindKey, QuestionStatusKey, TaskStatusKey, TrackStatusKey } from "./types.js";

const DECIMAL = /^-?\d{1,15}(\.\d{1,4})?$/;
const SCORE = /^\d{1,3}(\.\d)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

// ——— cells ———

@InputType({ description: "创建单位查询条件 / Unit filter" })
export class CellUnitFilter {
  @Field(() => ID, { nullable: true, description: "区县 / District" })
  districtId?: string | null;
  @Field(() => ID, { nullable: true, description: "细胞类型 / Cell type" })
  cellTypeId?: string | null;
  @Field(() => [CellUnitStatus], { nullable: true, description: "状态 / Statuses" })
  @IsOptional()
  @ArrayMaxSize(5)
  cellStatus?: CellUnitStatus[] | null;
  @Field({ nullable: true, description: "名称包含 / Name contains" })
  @IsOptional()
  @MaxLength(50)
  search?: string;
  @Field(() => GraphQLDateTime, { nullable: true, description: "增量同步：此时间之后更新的（按更新时间升序）/ Incremental sync: updated at or after (ordered by update time)" })
  updatedSince?: Date | null;
}

@InputType({ description: "登记创建单位 / Register a unit" })
export class CreateCellUnitInput {
  @Field({ description: "单位名称 / Name" })
  @Length(2, 80)
  name: string;
  @Field(() => ID, { description: "细胞类型 / Cell type" })
  cellTypeId: string;
  @Field(() => ID, { description: "区县 / District" })
  districtId: string;
  @Field({ nullable: true, description: "地址 / Address" })
  @IsOptional()
  @MaxLength(200)
  address?: string;
  @Field({ nullable: true, description: "经度 / Longitude" })
  @IsOptional()
  @Matches(/^\d{2,3}(\.\d{1,6})?$/, { message: "a longitude with at most 6 decimals" })
  lon?: string;
  @Field({ nullable: true, description: "纬度 / Latitude" })
  @IsOptional()
  @Matches(/^\d{1,2}(\.\d{1,6})?$/, { message: "a latitude with at most 6 decimals" })
  lat?: string;
  @Field({ nullable: true, description: "联系人 / Contact person" })
  @IsOptional()
  @MaxLength(40)
  contactName?: string;
  @Field({ nullable: true, description: "联系电话 / Contact phone" })
  @IsOptional()
  @Matches(/^[0-9+\- ()]{0,20}$/, { message: "digits, spaces, + - ( ) only, at most 20" })
  contactPhone?: string;
  @Field({ nullable: true, description: "统一社会信用代码 / Unified social credit code" })
  @IsOptional()
  @Matches(/^[0-9A-Z]{18}$/, { message: "18 digits or capital letters" })
  creditCode?: string;
}

@InputType({ description: "修改创建单位 / Change a unit" })
export class UpdateCellUnitInput {
  @Field(() => ID, { description: "单位 / The unit" })
  id: string;
  @Field({ nullable: true, description: "单位名称 / Name" })
  @IsOptional()
  @Length(2, 80)
  name?: string;
  @Field({ nullable: true, description: "地址 / Address" })
  @IsOptional()
  @MaxLength(200)
  address?: string;
  @Field({ nullable: true, description: "经度 / Longitude" })
  @IsOptional()
  @Matches(/^\d{2,3}(\.\d{1,6})?$/, { message: "a longitude with at most 6 decimals" })
  lon?: string;
  @Field({ nullable: true, description: "纬度 / Latitude" })
  @IsOptional()
  @Matches(/^\d{1,2}(\.\d{1,6})?$/, { message: "a latitude with at most 6 decimals" })
  lat?: string;
  @Field({ nullable: true, description: "联系人 / Contact person" })
  @IsOptional()
  @MaxLength(40)
  contactName?: string;
  @Field({ nullable: true, description: "联系电话 / Contact phone" })
  @IsOptional()
  @Matches(/^[0-9+\- ()]{0,20}$/, { message: "digits, spaces, + - ( ) only, at most 20" })
  contactPhone?: string;
}

@InputType({ description: "申请查询条件 / Application filter" })
export class CellApplicationFilter {
  @Field(() => ID, { nullable: true, description: "区县 / District" })
  districtId?: string | null;
  @Field(() => ID, { nullable: true, description: "细胞类型 / Cell type" })
  cellTypeId?: string | null;
  @Field(() => ID, { nullable: true, description: "单位 / Unit" })
  unitId?: string | null;
  @Field(() => [CellApplicationStatus], { nullable: true, description: "状态 / Statuses" })
  @IsOptional()
  @ArrayMaxSize(9)
  status?: CellApplicationStatus[] | null;
  @Field({ nullable: true, description: "编号、证书号或单位名称包含 / Number, certificate or unit name contains" })
  @IsOptional()
  @MaxLength(50)
  search?: string;
  @Field(() => GraphQLDateTime, { nullable: true, description: "证书在此之前到期 / Certificates valid until before" })
  validUntilBefore?: Date | null;
  @Field(() => GraphQLDateTime, { nullable: true, description: "增量同步 / Incremental sync: updated at or after" })
  updatedSince?: Date | null;
}

@InputType({ description: "自评一项 / Self-assessment of one item" })
export class SelfAssessmentItemInput {
  @Field(() => ID, { description: "细则条目 / Checklist item" })
  itemId: string;
  @Field({ nullable: true, description: "自评分（最多一位小数）/ Self-score (at most one decimal)" })
  @IsOptional()
  @Matches(SCORE, { message: "a score with at most one decimal" })
  selfScore?: string;
  @Field({ nullable: true, description: "佐证材料说明（文件名、链接、描述）/ Evidence (file names, links, description)" })
  @IsOptional()
  @MaxLength(4000)
  evidence?: string;
}

@InputType({ description: "保存自评 / Save the unit's self-assessment" })
export class SaveSelfAssessmentInput {
  @Field(() => ID, { description: "申请 / The application" })
  applicationId: string;
  @Field({ nullable: true, description: "创建情况说明 / Summary of the unit's work" })
  @IsOptional()
  @MaxLength(8000)
  summary?: string;
  @Field(() => [SelfAssessmentItemInput], { description: "各项 / Items" })
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  items: SelfAssessmentItemInput[];
}

@InputType({ description: "评审打分一项 / A reviewer's score for one item" })
export class ReviewScoreInput {
  @Field(() => ID, { description: "细则条目 / Checklist item" })
  itemId: string;
  @Field(() => String, { nullable: true, description: "得分（0 到该项分值，最多一位小数；空为清除）/ Score (0 to the item's points, at most one decimal; empty clears it)" })
  @IsOptional()
  @Matches(/^-?\d{1,3}(\.\d+)?$/, { message: "a number" })
  score?: string | null;
  @Field({ nullable: true, description: "核查的佐证 / Evidence checked" })
  @IsOptional()
  @MaxLength(4000)
  evidence?: string;
  @Field({ nullable: true, description: "评审意见 / Comment" })
  @IsOptional()
  @MaxLength(2000)
  comment?: string;
}

@InputType({ description: "评审打分 / Score an application's items" })
export class ScoreApplicationInput {
  @Field(() => ID, { description: "申请 / The application" })
  applicationId: string;
  @Field(() => [ReviewScoreInput], { description: "各项得分 / Scores" })
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  scores: ReviewScoreInput[];
}

@InputType({ description: "细胞类型设置 / Settings of a cell type" })
export class ConfigureCellTypeInput {
  @Field(() => ID, { description: "细胞类型 / Cell type" })
  cellTypeId: string;
  @Field({ nullable: true, description: "合格线（默认 85）/ Pass mark (85 by default)" })
  @IsOptional()
  @Matches(SCORE, { message: "a score with at most one decimal" })
  passMark?: string;
  @Field(() => Int, { nullable: true, description: "证书有效期（年）/ Validity in years" })
  @IsOptional()
  @Min(1)
  @Max(10)
  validityYears?: number;
}

@InputType({ description: "评分细则条目 / A checklist item" })
export class ChecklistItemInput {
  @Field({ description: "代码 / Code" })
  @Matches(/^[A-Za-z0-9_-]{1,20}$/, { message: "1–20 letters, digits, _ or -" })
  code: string;
  @Field({ description: "内容（中文）/ Requirement (Chinese)" })
  @Length(1, 200)
  titleZh: string;
  @Field({ description: "内容（英文）/ Requirement (English)" })
  @Length(1, 300)
  titleEn: string;
  @Field(() => Int, { description: "分值 / Points" })
  @Min(1)
  @Max(100)
  points: number;
  @Field({ description: "佐证材料要求（中文）/ Evidence required (Chinese)" })
  @Length(1, 500)
  evidenceZh: string;
  @Field({ description: "佐证材料要求（英文）/ Evidence required (English)" })
  @Length(1, 800)
  evidenceEn: string;
  @Field(() => AssessmentMethod, { description: "评定方式 / How it is checked" })
  method: AssessmentMethod;
}

@InputType({ description: "无废细胞创建目标 / A cell target" })
export class SetCellTargetInput {
  @Field(() => Int, { description: "年度 / Year" })
  @Min(2020)
  @Max(2035)
  year: number;
  @Field(() => ID, { description: "区县 / District" })
  districtId: string;
  @Field(() => ID, { nullable: true, description: "细胞类型；为空表示全部类型合计 / Cell type; empty for all types together" })
  cellTypeId?: string | null;
  @Field(() => Int, { description: "目标数 / Target count" })
  @Min(0)
  @Max(100000)
  target: number;
}

// ——— indicators ———

@InputType({ description: "新建指标 / A new indicator" })
export class CreateIndicatorInput {
  @Field({ description: "代码 / Code" })
  @Matches(/^[A-Za-z0-9_]{2,40}$/, { message: "2–40 letters, digits or _" })
  code: string;
  @Field(() => ID, { description: "指标组 / Group" })
  groupId: string;
  @Field({ nullable: true, description: "二级指标（中文）/ Second-level heading (Chinese)" })
  @IsOptional()
  @MaxLength(60)
  categoryZh?: string;
  @Field({ nullable: true, description: "二级指标（英文）/ Second-level heading (English)" })
  @IsOptional()
  @MaxLength(120)
  categoryEn?: string;
  @Field({ description: "名称（中文）/ Name (Chinese)" })
  @Length(2, 100)
  nameZh: string;
  @Field({ description: "名称（英文）/ Name (English)" })
  @Length(2, 200)
  nameEn: string;
  @Field({ description: "单位 / Unit" })
  @Length(1, 20)
  unit: string;
  @Field(() => IndicatorDirection, { description: "方向 / Direction" })
  direction: IndicatorDirection;
  @Field({ nullable: true, description: "必选指标 / Mandatory" })
  mandatory?: boolean;
  @Field({ nullable: true, description: "计算方法 / Formula" })
  @IsOptional()
  @MaxLength(1000)
  formula?: string;
  @Field(() => ID, { description: "责任部门 / Responsible department" })
  responsibleDepartmentId: string;
  @Field({ nullable: true, description: "组内权重（默认 1）/ Weight in its group (1 by default)" })
  @IsOptional()
  @Matches(/^\d{1,3}(\.\d{1,3})?$/, { message: "a non-negative number with at most 3 decimals" })
  weight?: string;
  @Field({ nullable: true, description: "纳入无废指数（默认是）/ In the index (default yes)" })
  inIndex?: boolean;
  @Field({ nullable: true, description: "基准值 / Baseline" })
  @IsOptional()
  @Matches(DECIMAL, { message: "a number with at most 4 decimals" })
  baseline?: string;
}

@InputType({ description: "修改指标 / Changes to an indicator" })
export class UpdateIndicatorInput {
  @Field(() => ID, { description: "指标 / The indicator" })
  id: string;
  @Field(() => ID, { nullable: true, description: "指标组 / Group" })
  groupId?: string;
  @Field({ nullable: true, description: "名称（中文）/ Name (Chinese)" })
  @IsOptional()
  @Length(2, 100)
  nameZh?: string;
  @Field({ nullable: true, description: "名称（英文）/ Name (English)" })
  @IsOptional()
  @Length(2, 200)
  nameEn?: string;
  @Field({ nullable: true, description: "单位 / Unit" })
  @IsOptional()
  @Length(1, 20)
  unit?: string;
  @Field(() => IndicatorDirection, { nullable: true, description: "方向 / Direction" })
  direction?: IndicatorDirection;
  @Field({ nullable: true, description: "必选指标 / Mandatory" })
  mandatory?: boolean;
  @Field({ nullable: true, description: "计算方法 / Formula" })
  @IsOptional()
  @MaxLength(1000)
  formula?: string;
  @Field(() => ID, { nullable: true, description: "责任部门 / Responsible department" })
  responsibleDepartmentId?: string;
  @Field({ nullable: true, description: "组内权重 / Weight in its group" })
  @IsOptional()
  @Matches(/^\d{1,3}(\.\d{1,3})?$/, { message: "a non-negative number with at most 3 decimals" })
  weight?: string;
  @Field({ nullable: true, description: "纳入无废指数 / In the index" })
  inIndex?: boolean;
  @Field({ nullable: true, description: "启用 / Active" })
  active?: boolean;
}

@InputType({ description: "一个目标值 / One target value" })
export class TargetValueInput {
  @Field(() => ID, { description: "市或区县 / City or district" })
  districtId: string;
  @Field(() => Int, { description: "年度 / Year" })
  @Min(2021)
  @Max(2035)
  year: number;
  @Field({ description: "目标值 / Target" })
  @Matches(DECIMAL, { message: "a number with at most 4 decimals" })
  target: string;
}

@InputType({ description: "设置年度目标 / Set an indicator's yearly targets" })
export class SetIndicatorTargetsInput {
  @Field(() => ID, { description: "指标 / The indicator" })
  indicatorId: string;
  @Field(() => [TargetValueInput], { description: "目标 / Targets" })
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  targets: TargetValueInput[];
}

@InputType({ description: "指标组权重 / A group's weight" })
export class GroupWeightInput {
  @Field(() => ID, { description: "指标组 / Group" })
  groupId: string;
  @Field({ description: "权重（0–1）/ Weight 0–1" })
  @Matches(/^[01](\.\d{1,4})?$/, { message: "a number 0–1 with at most 4 decimals" })
  weight: string;
}

@InputType({ description: "报送指标完成值 / Report an indicator's value" })
export class ReportIndicatorActualInput {
  @Field(() => ID, { description: "指标 / The indicator" })
  indicatorId: string;
  @Field(() => ID, { description: "市或区县 / City or district" })
  districtId: string;
  @Field(() => Int, { description: "年度 / Year" })
  @Min(2021)
  @Max(2100)
  year: number;
  @Field(() => Int, { description: "季度 1–4（值为季末年累计口径）/ Quarter 1–4 (value as of the quarter's end, year to date)" })
  @Min(1)
  @Max(4)
  quarter: number;
  @Field({ description: "完成值 / Value" })
  @Matches(DECIMAL, { message: "a number with at most 4 decimals" })
  value: string;
  @Field({ description: "佐证材料（文件名、链接、说明）/ Evidence (file names, links, explanation)" })
  @Length(1, 4000)
  evidence: string;
  @Field({ nullable: true, description: "说明 / Note" })
  @IsOptional()
  @MaxLength(1000)
  note?: string;
}

@InputType({ description: "指标完成值查询条件 / Filter of indicator values" })
export class IndicatorActualFilter {
  @Field(() => ID, { nullable: true, description: "指标 / Indicator" })
  indicatorId?: string | null;
  @Field(() => ID, { nullable: true, description: "市或区县 / City or district" })
  districtId?: string | null;
  @Field(() => Int, { nullable: true, description: "年度 / Year" })
  year?: number | null;
  @Field(() => GraphQLDateTime, { nullable: true, description: "增量同步 / Incremental sync: updated at or after" })
  updatedSince?: Date | null;
}

@InputType({ description: "省无废指数中的一个城市 / One city of the provincial ranking" })
export class ProvincialCityInput {
  @Field({ description: "城市（中文）/ City (Chinese)" })
  @Length(2, 20)
  cityZh: string;
  @Field({ description: "城市（英文）/ City (English)" })
  @Length(2, 40)
  cityEn: string;
  @Field({ description: "指数 / Index value" })
  @Matches(/^\d{1,3}(\.\d{1,2})?$/, { message: "0–100 with at most 2 decimals" })
  value: string;
}

@InputType({ description: "录入省公布的无废指数城市排名 / Record the province's city ranking" })
export class RecordProvincialIndexInput {
  @Field(() => Int, { description: "年度 / Year" })
  @Min(2020)
  @Max(2035)
  year: number;
  @Field(() => Int, { description: "季度 / Quarter" })
  @Min(1)
  @Max(4)
  quarter: number;
  @Field(() => [ProvincialCityInput], { description: "各城市 / Cities" })
  @ArrayMinSize(2)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  cities: ProvincialCityInput[];
}

// ——— tasks ———

@InputType({ description: "任务查询条件 / Task filter" })
export class TrackingTaskFilter {
  @Field(() => ID, { nullable: true, description: "责任部门 / Department" })
  departmentId?: string | null;
  @Field(() => ID, { nullable: true, description: "区县 / District" })
  districtId?: string | null;
  @Field(() => Int, { nullable: true, description: "年度 / Year" })
  year?: number | null;
  @Field(() => [TaskStatusKey], { nullable: true, description: "状态 / Statuses" })
  @IsOptional()
  @ArrayMaxSize(4)
  status?: TaskStatusKey[] | null;
  @Field({ nullable: true, description: "仅逾期 / Overdue only" })
  overdue?: boolean;
  @Field({ nullable: true, description: "标题或编号包含 / Title or code contains" })
  @IsOptional()
  @MaxLength(50)
  search?: string;
  @Field(() => GraphQLDateTime, { nullable: true, description: "增量同步 / Incremental sync: updated at or after" })
  updatedSince?: Date | null;
}

@InputType({ description: "新建任务 / A new task" })
export class CreateTrackingTaskInput {
  @Field({ description: "任务 / Task" })
  @Length(2, 200)
  title: string;
  @Field({ nullable: true, description: "任务内容 / Description" })
  @IsOptional()
  @MaxLength(4000)
  description?: string;
  @Field(() => ID, { description: "责任部门 / Department" })
  departmentId: string;
  @Field(() => ID, { nullable: true, description: "区县；为空表示市级任务 / District; empty for a city-level task" })
  districtId?: string | null;
  @Field({ description: "责任人 / Owner" })
  @Length(1, 40)
  owner: string;
  @Field(() => Int, { description: "年度 / Year" })
  @Min(2020)
  @Max(2035)
  year: number;
  @Field({ description: "完成时限 YYYY-MM-DD / Deadline YYYY-MM-DD" })
  @Matches(DATE, { message: "a date YYYY-MM-DD" })
  deadline: string;
}

@InputType({ description: "修改任务 / Changes to a task" })
export class UpdateTrackingTaskInput {
  @Field(() => ID, { description: "任务 / The task" })
  id: string;
  @Field({ nullable: true, description: "任务 / Task" })
  @IsOptional()
  @Length(2, 200)
  title?: string;
  @Field({ nullable: true, description: "任务内容 / Description" })
  @IsOptional()
  @MaxLength(4000)
  description?: string;
  @Field({ nullable: true, description: "责任人 / Owner" })
  @IsOptional()
  @Length(1, 40)
  owner?: string;
  @Field({ nullable: true, description: "完成时限 / Deadline" })
  @IsOptional()
  @Matches(DATE, { message: "a date YYYY-MM-DD" })
  deadline?: string;
}

// ——— academy ———

@InputType({ description: "课程章节 / A lesson" })
export class AcademyLessonInput {
  @Field({ description: "标题 / Title" })
  @Length(1, 100)
  title: string;
  @Field(() => Int, { description: "时长（分钟）/ Minutes" })
  @Min(1)
  @Max(600)
  minutes: number;
}

@InputType({ description: "无废学院内容 / An academy item's content" })
export class AcademyItemInput {
  @Field(() => ID, { nullable: true, description: "修改时：内容 / When changing: the item" })
  id?: string | null;
  @Field(() => AcademyKindKey, { nullable: true, description: "类型（新建必填）/ Kind (required when creating)" })
  kind?: AcademyKindKey;
  @Field({ nullable: true, description: "标题 / Title" })
  @IsOptional()
  @Length(1, 200)
  title?: string;
  @Field({ nullable: true, description: "摘要 / Summary" })
  @IsOptional()
  @MaxLength(1000)
  summary?: string;
  @Field({ nullable: true, description: "正文（纯文本）/ Body (plain text)" })
  @IsOptional()
  @MaxLength(100000)
  body?: string;
  @Field({ nullable: true, description: "栏目 / Category" })
  @IsOptional()
  @MaxLength(20)
  category?: string;
  @Field(() => [String], { nullable: true, description: "标签 / Tags" })
  @IsOptional()
  @ArrayMaxSize(12)
  tags?: string[];
  @Field({ nullable: true, description: "作者 / Author" })
  @IsOptional()
  @MaxLength(80)
  author?: string;
  @Field({ nullable: true, description: "来源或发布机关 / Source or issuing authority" })
  @IsOptional()
  @MaxLength(120)
  source?: string;
  @Field({ nullable: true, description: "文号 / Document number" })
  @IsOptional()
  @MaxLength(60)
  docNumber?: string;
  @Field({ nullable: true, description: "发文日期 / Issued on" })
  @IsOptional()
  @Matches(DATE, { message: "a date YYYY-MM-DD" })
  issuedOn?: string;
  @Field(() => Int, { nullable: true, description: "课程时长（分钟）/ Course minutes" })
  @IsOptional()
  @Min(1)
  @Max(10000)
  durationMinutes?: number;
  @Field(() => [AcademyLessonInput], { nullable: true, description: "课程章节 / Lessons" })
  @IsOptional()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  lessons?: AcademyLessonInput[];
}

@InputType({ description: "无废学院内容查询条件（工作人员）/ Academy filter (staff)" })
export class AcademyFilter {
  @Field(() => AcademyKindKey, { nullable: true, description: "类型 / Kind" })
  kind?: AcademyKindKey | null;
  @Field(() => [AcademyStatusKey], { nullable: true, description: "状态 / Statuses" })
  @IsOptional()
  @ArrayMaxSize(4)
  status?: AcademyStatusKey[] | null;
  @Field({ nullable: true, description: "栏目 / Category" })
  @IsOptional()
  @MaxLength(20)
  category?: string;
  @Field({ nullable: true, description: "标签 / Tag" })
  @IsOptional()
  @MaxLength(20)
  tag?: string;
  @Field({ nullable: true, description: "全文检索（支持中文）/ Full-text search (Chinese supported)" })
  @IsOptional()
  @MaxLength(100)
  search?: string;
  @Field(() => GraphQLDateTime, { nullable: true, description: "增量同步 / Incremental sync: updated at or after" })
  updatedSince?: Date | null;
}

// ——— consultation ———

@InputType({ description: "提问（无需登录）/ A question (no login needed)" })
export class AskQuestionInput {
  @Field({ description: "类别 / Category" })
  @MaxLength(20)
  category: string;
  @Field({ description: "标题（2–100 字）/ Title (2–100 characters)" })
  @MaxLength(400)
  title: string;
  @Field({ description: "问题（5–2000 字，纯文本）/ Question (5–2,000 characters, plain text)" })
  @MaxLength(8000)
  body: string;
  @Field({ nullable: true, description: "称呼（可选）/ Name (optional)" })
  @IsOptional()
  @MaxLength(200)
  askerName?: string;
  @Field({ nullable: true, description: "联系方式（可选，仅工作人员可见）/ Contact (optional, staff only)" })
  @IsOptional()
  @MaxLength(400)
  contact?: string;
  @Field(() => ID, { nullable: true, description: "所在区县（可选）/ District (optional)" })
  districtId?: string | null;
}

@InputType({ description: "咨询查询条件（工作人员）/ Question filter (staff)" })
export class ConsultationFilter {
  @Field(() => [QuestionStatusKey], { nullable: true, description: "状态 / Statuses" })
  @IsOptional()
  @ArrayMaxSize(5)
  status?: QuestionStatusKey[] | null;
  @Field({ nullable: true, description: "类别 / Category" })
  @IsOptional()
  @MaxLength(20)
  category?: string;
  @Field(() => ID, { nullable: true, description: "区县 / District" })
  districtId?: string | null;
  @Field({ nullable: true, description: "全文检索 / Full-text search" })
  @IsOptional()
  @MaxLength(100)
  search?: string;
  @Field(() => GraphQLDateTime, { nullable: true, description: "增量同步 / Incremental sync: updated at or after" })
  updatedSince?: Date | null;
}

// ——— publicity ———

@InputType({ description: "记录宣传活动 / Record a publicity activity" })
export class RecordPublicityActivityInput {
  @Field({ description: "名称 / Title" })
  @Length(2, 200)
  title: string;
  @Field(() => PublicityKindKey, { description: "类型 / Kind" })
  kind: PublicityKindKey;
  @Field(() => ID, { description: "区县 / District" })
  districtId: string;
  @Field({ description: "组织单位 / Organiser" })
  @Length(1, 80)
  organiser: string;
  @Field({ description: "开始日期 / Start date" })
  @Matches(DATE, { message: "a date YYYY-MM-DD" })
  startDate: string;
  @Field({ description: "结束日期 / End date" })
  @Matches(DATE, { message: "a date YYYY-MM-DD" })
  endDate: string;
  @Field({ nullable: true, description: "地点 / Location" })
  @IsOptional()
  @MaxLength(200)
  location?: string;
  @Field(() => Int, { nullable: true, description: "参与人数 / Participants" })
  @IsOptional()
  @Min(0)
  @Max(10000000)
  participants?: number;
  @Field(() => Int, { nullable: true, description: "海报（份）/ Posters" })
  @IsOptional()
  @Min(0)
  @Max(10000000)
  posters?: number;
  @Field(() => Int, { nullable: true, description: "折页（份）/ Leaflets" })
  @IsOptional()
  @Min(0)
  @Max(10000000)
  leaflets?: number;
  @Field(() => Int, { nullable: true, description: "其他宣传品 / Other materials" })
  @IsOptional()
  @Min(0)
  @Max(10000000)
  otherMaterials?: number;
  @Field({ nullable: true, description: "说明 / Description" })
  @IsOptional()
  @MaxLength(4000)
  description?: string;
}

@InputType({ description: "记录知晓率调查 / Record an awareness survey" })
export class RecordAwarenessSurveyInput {
  @Field(() => ID, { description: "区县 / District" })
  districtId: string;
  @Field({ description: "调查日期 / Surveyed on" })
  @Matches(DATE, { message: "a date YYYY-MM-DD" })
  surveyedOn: string;
  @Field({ description: "调查对象，如 居民、学生 / Population, e.g. residents, pupils" })
  @Length(1, 40)
  population: string;
  @Field(() => Int, { description: "样本量 / Sample size" })
  @Min(1)
  @Max(10000000)
  sampleSize: number;
  @Field({ description: "知晓率（%）/ Awareness (%)" })
  @Matches(/^\d{1,3}(\.\d{1,2})?$/, { message: "0–100 with at most 2 decimals" })
  awarenessPct: string;
  @Field({ nullable: true, description: "参与率（%）/ Participation (%)" })
  @IsOptional()
  @Matches(/^\d{1,3}(\.\d{1,2})?$/, { message: "0–100 with at most 2 decimals" })
  participationPct?: string;
  @Field({ nullable: true, description: "满意度（%）/ Satisfaction (%)" })
  @IsOptional()
  @Matches(/^\d{1,3}(\.\d{1,2})?$/, { message: "0–100 with at most 2 decimals" })
  satisfactionPct?: string;
  @Field({ nullable: true, description: "说明 / Note" })
  @IsOptional()
  @MaxLength(1000)
  note?: string;
}

@InputType({ description: "宣传活动查询条件 / Publicity filter" })
export class PublicityFilter {
  @Field(() => ID, { nullable: true, description: "区县 / District" })
  districtId?: string | null;
  @Field(() => PublicityKindKey, { nullable: true, description: "类型 / Kind" })
  kind?: PublicityKindKey | null;
  @Field({ nullable: true, description: "开始日期不早于 / Starting on or after" })
  @IsOptional()
  @Matches(DATE, { message: "a date YYYY-MM-DD" })
  from?: string;
  @Field({ nullable: true, description: "开始日期早于 / Starting before" })
  @IsOptional()
  @Matches(DATE, { message: "a date YYYY-MM-DD" })
  to?: string;
  @Field(() => GraphQLDateTime, { nullable: true, description: "增量同步 / Incremental sync: updated at or after" })
  updatedSince?: Date | null;
}

export { IsIn, CertificateLevel, TrackStatusKey };
