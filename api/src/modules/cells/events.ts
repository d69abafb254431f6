/**
 * The cells stream's webhook event types (事件推送目录): every type this stream passes to `w.emit`.
 * Registered in modules/index.ts; `core/event-types.test.ts` fails when an emitted type is missing here.
 */
import type { EventType } from "../core/webhooks.js";

export const cellsEventTypes: EventType[] = [
  { type: "cell.certified", stream: "cells", descriptionZh: "无废细胞命名", descriptionEn: "A zero-waste cell was certified" },
  { type: "cell.revoked", stream: "cells", descriptionZh: "无废细胞撤销命名", descriptionEn: "A zero-waste cell's certification was revoked" },
  { type: "cell.expired", stream: "cells", descriptionZh: "无废细胞命名到期", descriptionEn: "A zero-waste cell's certification expired" },
  { type: "cell.application_state_changed", stream: "cells", descriptionZh: "无废细胞创建申请状态变化", descriptionEn: "A zero-waste cell application changed state" },
  { type: "indicator.reported", stream: "cells", descriptionZh: "指标实际值填报", descriptionEn: "An indicator's actual value was reported" },
  { type: "task.state_changed", stream: "cells", descriptionZh: "建设任务状态变化", descriptionEn: "A tracking task changed state" },
  { type: "task.closed", stream: "cells", descriptionZh: "建设任务办结", descriptionEn: "A tracking task was closed" },
  { type: "academy.published", stream: "cells", descriptionZh: "无废学院内容发布", descriptionEn: "An academy item was published" },
  { type: "academy.archived", stream: "cells", descriptionZh: "无废学院内容下架", descriptionEn: "An academy item was archived" },
  { type: "consultation.asked", stream: "cells", descriptionZh: "收到咨询问题", descriptionEn: "A consultation question was asked" },
  { type: "consultation.answered", stream: "cells", descriptionZh: "咨询问题已答复", descriptionEn: "A consultation question was answered" },
  { type: "consultation.published", stream: "cells", descriptionZh: "咨询答复公开", descriptionEn: "A consultation answer was published" },
  { type: "publicity.recorded", stream: "cells", descriptionZh: "宣传活动登记", descriptionEn: "A publicity activity was recorded" },
];
