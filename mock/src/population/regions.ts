// Administrative division codes used for synthetic ID numbers and addresses. 上饶 today is 3611xx;
// people registered before the 2000 reorganisation still carry the old 上饶地区 codes (3623xx).

export interface Region {
  code: string;
  /** Province + city + district, as written at the start of an address. */
  prefix: string;
  /** Urban districts give 市区 户口性质; counties give 省内; other provinces give 省外. */
  kind: 'shangraoUrban' | 'shangraoCounty' | 'jiangxi' | 'otherProvince';
  /** Only people born before this year carry the code (old codes were retired). */
  bornBefore?: number;
  bornFrom?: number;
}

const SR = '江西省上饶市';

export const REGIONS: readonly (readonly [Region, number])[] = [
  [{ code: '361102', prefix: `${SR}信州区`, kind: 'shangraoUrban', bornFrom: 1990 }, 10],
  [{ code: '361103', prefix: `${SR}广丰区`, kind: 'shangraoUrban', bornFrom: 1990 }, 7],
  [{ code: '361104', prefix: `${SR}广信区`, kind: 'shangraoUrban', bornFrom: 1990 }, 6],
  [{ code: '361123', prefix: `${SR}玉山县`, kind: 'shangraoCounty', bornFrom: 1990 }, 5],
  [{ code: '361124', prefix: `${SR}铅山县`, kind: 'shangraoCounty', bornFrom: 1990 }, 4],
  [{ code: '361125', prefix: `${SR}横峰县`, kind: 'shangraoCounty', bornFrom: 1990 }, 2],
  [{ code: '361126', prefix: `${SR}弋阳县`, kind: 'shangraoCounty', bornFrom: 1990 }, 3],
  [{ code: '361127', prefix: `${SR}余干县`, kind: 'shangraoCounty', bornFrom: 1990 }, 5],
  [{ code: '361128', prefix: `${SR}鄱阳县`, kind: 'shangraoCounty', bornFrom: 1990 }, 7],
  [{ code: '361129', prefix: `${SR}万年县`, kind: 'shangraoCounty', bornFrom: 1990 }, 3],
  [{ code: '361130', prefix: `${SR}婺源县`, kind: 'shangraoCounty', bornFrom: 1990 }, 3],
  [{ code: '361181', prefix: `${SR}德兴市`, kind: 'shangraoCounty', bornFrom: 1990 }, 3],
  [{ code: '362301', prefix: `${SR}信州区`, kind: 'shangraoUrban', bornBefore: 2001 }, 8],
  [{ code: '362322', prefix: `${SR}广丰区`, kind: 'shangraoUrban', bornBefore: 2001 }, 5],
  [{ code: '362323', prefix: `${SR}玉山县`, kind: 'shangraoCounty', bornBefore: 2001 }, 4],
  [{ code: '362324', prefix: `${SR}铅山县`, kind: 'shangraoCounty', bornBefore: 2001 }, 3],
  [{ code: '362329', prefix: `${SR}余干县`, kind: 'shangraoCounty', bornBefore: 2001 }, 4],
  [{ code: '362330', prefix: `${SR}鄱阳县`, kind: 'shangraoCounty', bornBefore: 2001 }, 5],
  [{ code: '362334', prefix: `${SR}婺源县`, kind: 'shangraoCounty', bornBefore: 2001 }, 2],
  [{ code: '360102', prefix: '江西省南昌市东湖区', kind: 'jiangxi' }, 2],
  [{ code: '360111', prefix: '江西省南昌市青山湖区', kind: 'jiangxi' }, 1],
  [{ code: '360203', prefix: '江西省景德镇市珠山区', kind: 'jiangxi' }, 1],
  [{ code: '360702', prefix: '江西省赣州市章贡区', kind: 'jiangxi' }, 1],
  [{ code: '361002', prefix: '江西省抚州市临川区', kind: 'jiangxi' }, 1],
  [{ code: '330802', prefix: '浙江省衢州市柯城区', kind: 'otherProvince' }, 1],
  [{ code: '350702', prefix: '福建省南平市延平区', kind: 'otherProvince' }, 1],
  [{ code: '340102', prefix: '安徽省合肥市瑶海区', kind: 'otherProvince' }, 1],
  [{ code: '430102', prefix: '湖南省长沙市芙蓉区', kind: 'otherProvince' }, 1],
];

/** Where units register: the city itself (361100) or one of its districts and counties. */
export const UNIT_REGIONS: readonly (readonly [string, string, number])[] = [
  ['361100', `${SR}信州区`, 6],
  ['361102', `${SR}信州区`, 5],
  ['361103', `${SR}广丰区`, 3],
  ['361104', `${SR}广信区`, 3],
  ['361123', `${SR}玉山县`, 2],
  ['361127', `${SR}余干县`, 1],
  ['361128', `${SR}鄱阳县`, 1],
  ['361130', `${SR}婺源县`, 1],
  ['361181', `${SR}德兴市`, 1],
];

/** GB 3304 codes weighted roughly like Jiangxi's population (汉 overwhelmingly, 畲 the local minority). */
export const ETHNICITY_WEIGHTS: readonly (readonly [string, number])[] = [
  ['01', 920],
  ['22', 20],
  ['03', 10],
  ['06', 8],
  ['08', 8],
  ['15', 8],
  ['11', 6],
  ['02', 4],
  ['12', 4],
  ['13', 4],
  ['07', 3],
  ['05', 2],
  ['10', 2],
  ['04', 1],
];
