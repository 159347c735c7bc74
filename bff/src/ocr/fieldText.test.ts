import {
  birthDateFromText,
  cleanAddress,
  cleanIdNumber,
  cleanName,
  ethnicityFromText,
  genderFromText,
  idNumberFromLine,
} from './fieldText';

type Reader = (text: string) => string | null;

/** Each reader, what it is meant to do, and texts an engine may answer with what must come of them. */
const cases: [string, Reader, [string, string | null][]][] = [
  [
    'maps ethnicity names, with or without 族, to GB 3304 codes',
    ethnicityFromText,
    [
      ['汉', '01'],
      ['维吾尔族', '05'],
      ['柯 尔 克 孜', '29'],
      // The label's 族 read with the value where the label stands close to it.
      ['族汉', '01'],
      ['民族 蒙古', '02'],
    ],
  ],
  [
    'keeps a dash between digits (a house number), drops it elsewhere',
    cleanAddress,
    [
      ['江苏省南通市如东县龙潭路250-5号1栋', '江苏省南通市如东县龙潭路250-5号1栋'],
      ['解放弄32 — 7号', '解放弄32-7号'],
      ['五-路 12号-', '五路12号'],
    ],
  ],
  [
    'offers none of the 56 names for a near miss: 民族 is read exactly or left to the employer',
    ethnicityFromText,
    [
      ['柯尔克孙', null],
      ['伟佬', null],
      ['', null],
    ],
  ],
  [
    'reads gender only when exactly one of 男 and 女 is present',
    genderFromText,
    [
      ['男', '1'],
      [' 女 ', '2'],
      ['男女', null],
      ['")', null],
    ],
  ],
  [
    'accepts the birth date formats engines answer with and rejects impossible dates',
    birthDateFromText,
    [
      ['1990 年 3 月 7 日', '1990-03-07'],
      ['1990/3/7', '1990-03-07'],
      ['19900307', '1990-03-07'],
      ['1990年2月30日', null],
      ['1990年工月7日', null],
    ],
  ],
  ['keeps only characters an ID number can hold', cleanIdNumber, [[' 3611 0219x ', '36110219X']]],
  [
    'takes the valid number standing apart from a mark read beside it, and nothing else',
    idNumberFromLine,
    [
      ['533323198506154298 00', '533323198506154298'],
      ['5333 2319 8506 1542 98', '533323198506154298'],
      // No group forms a valid number: all the characters, for the check to flag.
      ['533323198506154299 00', '53332319850615429900'],
      ['41881199708051172', '41881199708051172'],
      ['', null],
    ],
  ],
  [
    'keeps only characters a name can hold',
    cleanName,
    [
      ['欧 阳 丽 华 |', '欧阳丽华'],
      ['买买提·艾力', '买买提·艾力'],
      ['1', null],
    ],
  ],
];

describe('field text from OCR', () => {
  it.each(cases)('%s', (_, read, texts) => {
    for (const [text, expected] of texts) expect([text, read(text)]).toEqual([text, expected]);
  });
});
