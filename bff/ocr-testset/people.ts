// Synthetic card holders: plausible names, real ethnicity names, long addresses and ID numbers whose
// region code, birth date, gender digit and check character all agree.
import { ETHNICITIES, idCheckChar } from '@hiring/shared';
import type { Random } from './random';

export interface CardPerson {
  name: string;
  /** '1' 男, '2' 女 */
  gender: '1' | '2';
  /** GB 3304 code, e.g. '01' 汉族 */
  ethnicity: string;
  /** YYYY-MM-DD */
  birthDate: string;
  address: string;
  idNumber: string;
}

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '高',
  '林',
  '罗',
  '郑',
  '梁',
  '谢',
  '宋',
  '唐',
  '许',
  '韩',
  '冯',
  '邓',
  '曹',
  '彭',
  '曾',
  '肖',
  '田',
  '董',
  '袁',
  '潘',
  '蒋',
  '蔡',
  '余',
  '杜',
  '叶',
  '程',
  '苏',
  '魏',
  '吕',
  '丁',
  '任',
  '沈',
  '姚',
  '卢',
  '姜',
  '崔',
  '钟',
  '谭',
  '陆',
  '汪',
  '范',
  '金',
  '石',
  '廖',
  '贾',
  '夏',
  '韦',
  '付',
  '方',
  '邹',
  '熊',
  '白',
  '孟',
  '秦',
  '邱',
  '欧阳',
  '司马',
  '上官',
  '诸葛',
];
const GIVEN_CHARS = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀',
  '霞',
  '平',
  '刚',
  '桂',
  '英',
  '华',
  '建',
  '文',
  '辉',
  '玲',
  '红',
  '鑫',
  '波',
  '斌',
  '宇',
  '浩',
  '凯',
  '健',
  '俊',
  '帆',
  '琳',
  '晨',
  '欣',
  '怡',
  '佳',
  '婷',
  '雪',
  '颖',
  '倩',
  '梅',
  '琴',
  '云',
  '峰',
  '鹏',
  '飞',
  '亮',
  '志',
  '国',
  '春',
  '海',
  '燕',
  '兰',
  '荣',
  '新',
  '德',
  '林',
  '福',
  '成',
  '永',
  '庆',
  '德',
  '思',
  '嘉',
  '子',
];

interface Region {
  code: string;
  prefix: string;
  towns: readonly string[];
}

// Real division codes; most hires in 上饶 come from its own counties.
const REGIONS: readonly Region[] = [
  {
    code: '361102',
    prefix: '江西省上饶市信州区',
    towns: ['西市街道', '东市街道', '水南街道', '沙溪镇', '秦峰镇'],
  },
  {
    code: '361103',
    prefix: '江西省上饶市广丰区',
    towns: ['永丰街道', '洋口镇', '横山镇', '壶峤镇', '大南镇'],
  },
  {
    code: '361104',
    prefix: '江西省上饶市广信区',
    towns: ['旭日街道', '茶亭镇', '田墩镇', '皂头镇', '望仙乡'],
  },
  {
    code: '361123',
    prefix: '江西省上饶市玉山县',
    towns: ['冰溪街道', '临湖镇', '必姆镇', '横街镇', '岩瑞镇'],
  },
  { code: '361124', prefix: '江西省上饶市铅山县', towns: ['河口镇', '永平镇', '石塘镇', '鹅湖镇', '紫溪乡'] },
  { code: '361125', prefix: '江西省上饶市横峰县', towns: ['岑阳镇', '葛源镇', '姚家乡', '莲荷乡'] },
  { code: '361126', prefix: '江西省上饶市弋阳县', towns: ['弋江镇', '漆工镇', '港口镇', '圭峰镇'] },
  { code: '361127', prefix: '江西省上饶市余干县', towns: ['玉亭镇', '瑞洪镇', '黄金埠镇', '古埠镇'] },
  { code: '361128', prefix: '江西省上饶市鄱阳县', towns: ['鄱阳镇', '饶州街道', '谢家滩镇', '石门街镇'] },
  { code: '361129', prefix: '江西省上饶市万年县', towns: ['陈营镇', '石镇镇', '青云镇', '大源镇'] },
  { code: '361130', prefix: '江西省婺源县', towns: ['紫阳镇', '清华镇', '江湾镇', '思口镇'] },
  { code: '361181', prefix: '江西省德兴市', towns: ['银城街道', '香屯街道', '花桥镇', '泗洲镇'] },
  { code: '360102', prefix: '江西省南昌市东湖区', towns: ['公园街道', '滕王阁街道', '豫章街道'] },
  { code: '330726', prefix: '浙江省浦江县', towns: ['浦阳街道', '黄宅镇', '岩头镇'] },
  { code: '350702', prefix: '福建省南平市延平区', towns: ['梅山街道', '水南街道', '西芹镇'] },
];
const VILLAGES = ['村委会', '村', '社区'];
/** Village name stems of version 1 (version 2 draws from these and two rarer ones). */
export const VILLAGE_STEMS = [
  '新建',
  '和平',
  '东升',
  '洪桥',
  '石桥',
  '槐树',
  '南塘',
  '枫林',
  '光明',
  '幸福',
  '团结',
  '湖边',
];
const ROADS = [
  '胜利路',
  '解放路',
  '中山路',
  '滨江东路',
  '茶圣路',
  '凤凰大道',
  '五三大道',
  '紫阳大道',
  '建设路',
];
const DIGITS = '〇一二三四五六七八九';

function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n];
  if (n < 20) return `十${n % 10 ? DIGITS[n % 10] : ''}`;
  if (n < 100) return `${DIGITS[Math.floor(n / 10)]}十${n % 10 ? DIGITS[n % 10] : ''}`;
  return String(n)
    .split('')
    .map((d) => DIGITS[Number(d)])
    .join('');
}

function randomAddress(random: Random, region: Region): string {
  const town = random.pick(region.towns);
  if (random.next() < 0.5) {
    const village = `${random.pick(VILLAGE_STEMS)}${random.pick(VILLAGES)}`;
    const group = `${chineseNumber(random.int(1, 18))}组`;
    return `${region.prefix}${town}${village}${group}${random.int(1, 99)}号`;
  }
  const road = random.pick(ROADS);
  const building = random.int(1, 30);
  const unit = random.int(1, 6);
  const room = `${random.int(1, 28)}0${random.int(1, 6)}`;
  return `${region.prefix}${town}${road}${random.int(1, 999)}号${building}栋${unit}单元${room}室`;
}

const MAX_ADDRESS_LENGTH = 33;

/** The card has room for three lines of eleven characters. */
function fittingAddress(random: Random, region: Region): string {
  for (;;) {
    const address = randomAddress(random, region);
    if (address.length <= MAX_ADDRESS_LENGTH) return address;
  }
}

function randomEthnicity(random: Random): string {
  // Mostly 汉族 like the real population, but every name length shows up in a set of 100.
  if (random.next() < 0.6) return '01';
  return random.pick(ETHNICITIES.filter((item) => Number(item.code) <= 56)).code;
}

export function randomPerson(random: Random): CardPerson {
  const gender = random.next() < 0.5 ? '1' : '2';
  const surname = random.pick(SURNAMES);
  const givenLength = surname.length > 1 ? random.int(1, 2) : random.next() < 0.7 ? 2 : 1;
  let given = '';
  for (let i = 0; i < givenLength; i++) given += random.pick(GIVEN_CHARS);

  const year = random.int(1962, 2007);
  const month = random.int(1, 12);
  const day = random.int(1, new Date(Date.UTC(year, month, 0)).getUTCDate());
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const birthDate = `${year}-${pad(month)}-${pad(day)}`;

  const region = random.pick(REGIONS);
  const sequence = pad(random.int(0, 99), 2);
  const genderDigit = gender === '1' ? random.pick([1, 3, 5, 7, 9]) : random.pick([0, 2, 4, 6, 8]);
  const first17 = `${region.code}${year}${pad(month)}${pad(day)}${sequence}${genderDigit}`;
  const idNumber = `${first17}${idCheckChar(first17)}`;

  return {
    name: `${surname}${given}`,
    gender,
    ethnicity: randomEthnicity(random),
    birthDate,
    address: fittingAddress(random, region),
    idNumber,
  };
}
