// What 市场监管 answers for a unit (系统自动获取): the bff reads this record, the stand-in serves it.

/** A unit as 市场监管 registers it, by its 统一社会信用代码. */
export interface MarketUnitRecord {
  uscc: string;
  name: string;
  address: string;
  /** 法定代表人; the ID number is personal data: it never leaves the bff. */
  legalRepresentative: { name: string; idNumber: string };
  /** 社保单位编码; null when the unit has never registered with 社保. */
  socialInsuranceCode: string | null;
  /** 公积金单位账号; null when the unit has never opened one. */
  housingFundAccount: string | null;
}
