// Chooses among several reads of the 姓名 line. Debian's chi_sim model sometimes takes a stray mark for
// an extra character, misreads the surname, or reads nothing; a second look at the same line prepared
// differently often gets it right. The test for which read to keep is generic: a Chinese name is a
// common surname followed by one or two characters (rarely three). The surname table is real-world
// (the most frequent surnames of the Ministry of Public Security's yearly 百家姓 ranking and the best
// known compound surnames); it only ranks reads, it never changes a character.

const SINGLE_SURNAMES = new Set([
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许邓韩冯曹彭曾肖田董潘袁蔡蒋余于杜叶程',
  ...'魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝',
  ...'顾龚邵万覃武钱戴严欧莫孔向常汤康易乔赖文施洪辛柯庄樊殷葛牛章翟安凌温',
]);

const COMPOUND_SURNAMES = new Set([
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
  '独孤',
  '南宫',
  '西门',
  '端木',
  '轩辕',
  '澹台',
]);

/**
 * How much a read looks like a name: 2 a common surname and one or two more characters, 1 a common
 * surname and three more, 0 anything else (a rare surname, a stray character in front, · names), −1
 * nothing read.
 */
export function nameLikeness(name: string | null): number {
  if (!name) return -1;
  const compound = COMPOUND_SURNAMES.has(name.slice(0, 2));
  if (!compound && !SINGLE_SURNAMES.has(name[0])) return 0;
  const given = name.length - (compound ? 2 : 1);
  if (given === 1 || given === 2) return 2;
  return given === 3 ? 1 : 0;
}

export interface NameRead {
  name: string | null;
  confidence: number;
}

/** The first of the reads (in order of preference) that looks most like a name. */
export function chooseName(reads: NameRead[]): NameRead {
  let best = reads[0];
  for (const read of reads.slice(1)) {
    if (nameLikeness(read.name) > nameLikeness(best.name)) best = read;
  }
  return best;
}
