-- Reference data: the city and its six districts/counties (id = adcode), and the departments.
INSERT INTO "core"."districts" ("id", "code", "name_zh", "name_en", "level", "sort") VALUES
  (330600, 'city', '绍兴市', 'Shaoxing City', 'CITY', 0),
  (330602, 'yuecheng', '越城区', 'Yuecheng District', 'DISTRICT', 1),
  (330603, 'keqiao', '柯桥区', 'Keqiao District', 'DISTRICT', 2),
  (330604, 'shangyu', '上虞区', 'Shangyu District', 'DISTRICT', 3),
  (330681, 'zhuji', '诸暨市', 'Zhuji City', 'DISTRICT', 4),
  (330683, 'shengzhou', '嵊州市', 'Shengzhou City', 'DISTRICT', 5),
  (330624, 'xinchang', '新昌县', 'Xinchang County', 'DISTRICT', 6);
--> statement-breakpoint
INSERT INTO "core"."departments" ("id", "code", "name_zh", "name_en", "streams", "sort") VALUES
  (1, 'housing', '住房和城乡建设局', 'Housing and Urban-Rural Development Bureau', '{construction}', 1),
  (2, 'enforcement', '综合行政执法局', 'Urban Administrative Law Enforcement Bureau', '{construction}', 2),
  (3, 'ecology', '生态环境局', 'Ecology and Environment Bureau', '{hazardous}', 3),
  (4, 'economy', '经济和信息化局', 'Economy and Information Technology Bureau', '{hazardous}', 4),
  (5, 'commerce', '商务局', 'Commerce Bureau', '{recycling}', 5),
  (6, 'supply_coop', '供销合作社', 'Supply and Marketing Cooperative', '{recycling}', 6),
  (7, 'zero_waste_office', '市无废城市建设办公室', 'Municipal Zero-Waste City Office', '{cells}', 7),
  (8, 'education', '教育局', 'Education Bureau', '{cells}', 8),
  (9, 'health', '卫生健康委员会', 'Health Commission', '{cells}', 9),
  (10, 'tourism', '文化广电旅游局', 'Culture, Radio, TV and Tourism Bureau', '{cells}', 10),
  (11, 'postal', '邮政管理局', 'Postal Administration', '{cells}', 11),
  (12, 'development', '发展和改革委员会', 'Development and Reform Commission', '{cells}', 12),
  (13, 'transport', '交通运输局', 'Transport Bureau', '{construction}', 13),
  (14, 'market', '市场监督管理局', 'Market Supervision Administration', '{cells}', 14),
  (15, 'agriculture', '农业农村局', 'Agriculture and Rural Affairs Bureau', '{cells}', 15);
