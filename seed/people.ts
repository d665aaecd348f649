import { seededRandom } from "../app/domain/seeded-random";
import { idCheckChar } from "../app/domain/nominations/id-number";
import type { NominationFields } from "../app/domain/nominations/nomination-schema";

/** Seeded picks, so the demo is the same on every machine. */
export function seeded(seed: number) {
  const next = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  return { next, pick, int };
}
export type Rng = ReturnType<typeof seeded>;

const SURNAMES = [
  "王",
  "李",
  "张",
  "刘",
  "陈",
  "杨",
  "赵",
  "黄",
  "周",
  "吴",
  "徐",
  "孙",
  "马",
  "朱",
  "胡",
  "郭",
  "何",
  "高",
  "林",
  "罗",
];
const GIVEN = [
  "建国",
  "秀英",
  "卫东",
  "丽娟",
  "志强",
  "海燕",
  "国庆",
  "春梅",
  "明",
  "静",
  "伟",
  "芳",
  "磊",
  "娜",
  "军",
  "霞",
  "涛",
  "敏",
  "斌",
  "红",
];
const ETHNICITIES = ["汉族", "汉族", "汉族", "汉族", "回族", "满族", "蒙古族"];
const POLITICAL = ["中共党员", "中共党员", "群众", "共青团员"];
const EDUCATION = ["高中", "中专", "大专", "大学本科", "研究生"];
const POSTS = ["技术员", "班组长", "车间主任", "高级技师", "村党支部书记", "工程师", "驾驶员"];
const WORKPLACES = [
  "陕西煤业化工集团",
  "西安电力机械制造公司",
  "宝鸡石油机械有限责任公司",
  "陕西建工集团",
  "延长石油集团",
  "汉中钢铁集团",
  "安康市农业合作社",
  "商洛现代农业园区",
];
const OCCUPATIONS = [
  "frontline",
  "frontline",
  "frontline",
  "technical",
  "manager",
  "official",
  "other",
] as const;
const SECTORS = ["state", "state", "non_public", "public_institution", "rural"] as const;
const DEEDS = [
  "扎根基层二十年，带领班组攻克关键技术难题，帮助贫困村建立特色产业，带动农户增收脱贫。",
  "组织技术扶贫服务队深入贫困县开展培训，累计培训农民工上千人次，推广实用技术多项。",
  "发挥劳模示范作用，牵头建立产业帮扶基地，帮助贫困户发展种养殖，实现稳定增收。",
  "坚持创新创效，主持完成多项技术革新，节约成本显著，并结对帮扶贫困家庭脱贫。",
];

export function personName(rng: Rng): string {
  return rng.pick(SURNAMES) + rng.pick(GIVEN);
}

/** A valid resident ID number for a person of the region, born on the date given. */
export function idNumberFor(regionCode: string, birth: string, male: boolean, rng: Rng): string {
  const seq = rng.int(0, 49) * 2 + (male ? 1 : 0);
  const first17 = `${regionCode}${birth.replaceAll("-", "")}${String(rng.int(0, 9))}${String(seq).padStart(2, "0")}`;
  return first17 + idCheckChar(first17);
}

export function individual(rng: Rng, regionCode: string): NominationFields {
  const male = rng.next() < 0.7;
  const birth = `${rng.int(1962, 1992)}-${String(rng.int(1, 12)).padStart(2, "0")}-${String(rng.int(1, 28)).padStart(2, "0")}`;
  const deeds = rng.pick(DEEDS) + rng.pick(DEEDS);
  return {
    kind: "individual",
    name: personName(rng),
    gender: male ? "male" : "female",
    ethnicity: rng.pick(ETHNICITIES),
    birth_date: birth,
    political_status: rng.pick(POLITICAL),
    education: rng.pick(EDUCATION),
    workplace: rng.pick(WORKPLACES),
    post: rng.pick(POSTS),
    occupation_group: rng.pick(OCCUPATIONS),
    migrant: rng.next() < 0.15,
    sector: rng.pick(SECTORS),
    id_number: idNumberFor(regionCode, birth, male, rng),
    phone: `13${rng.int(0, 9)}${String(rng.int(0, 99999999)).padStart(8, "0")}`,
    summary: deeds.slice(0, 60),
    deeds,
  };
}

const COLLECTIVE_NAMES = ["技术扶贫服务队", "工会委员会", "扶贫工作队", "创新工作室", "班组", "产业合作社"];

export function collective(rng: Rng, orgShortName: string): NominationFields {
  const deeds = rng.pick(DEEDS) + rng.pick(DEEDS);
  return {
    kind: "collective",
    name: `${orgShortName}${rng.pick(COLLECTIVE_NAMES)}${rng.int(1, 9)}`,
    collective_kind: rng.pick(["enterprise", "team", "workshop", "village", "org"] as const),
    member_count: rng.int(8, 300),
    leader: personName(rng),
    sector: rng.pick(SECTORS),
    phone: null,
    summary: deeds.slice(0, 60),
    deeds,
  };
}
