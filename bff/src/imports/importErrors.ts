// Why a file could not be read at all, in words the operator can act on. Row-level problems are not
// errors: they are part of the answer.
import { AppError } from '../http/errors';
import { MAX_FILE_BYTES } from './limits';

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

export const fileRequired = () =>
  new AppError(400, 'IMPORT_FILE_REQUIRED', '请选择要导入的表格文件（.xlsx 或 .csv）');
export const fileTooLarge = () =>
  new AppError(413, 'IMPORT_FILE_TOO_LARGE', `表格文件不能超过 ${mb(MAX_FILE_BYTES)}`);
export const malformedUpload = () =>
  new AppError(400, 'IMPORT_BAD_UPLOAD', '上传的数据不完整，请重新选择文件上传');
export const notASheet = () =>
  new AppError(
    415,
    'IMPORT_NOT_A_SHEET',
    '无法识别该文件，请上传 .xlsx 表格或 .csv 文件（可先下载导入模板填写）',
  );
export const legacyXls = () =>
  new AppError(
    415,
    'IMPORT_LEGACY_XLS',
    '暂不支持旧版 .xls 格式，请在 Excel 或 WPS 中“另存为” .xlsx 后再导入',
  );
export const encryptedSheet = () =>
  new AppError(422, 'IMPORT_ENCRYPTED', '表格文件已加密或设置了打开密码，请取消密码后再导入');
/** Zip bombs, entity tricks and damaged archives get one answer: nothing in them is read. */
export const unsafeSheet = () =>
  new AppError(
    422,
    'IMPORT_UNSAFE_FILE',
    '表格文件结构异常（可能已损坏或含有不安全内容），已拒绝读取；请在 Excel 或 WPS 中重新保存为 .xlsx 后再导入',
  );
export const sheetTooBig = (what: string) =>
  new AppError(422, 'IMPORT_SHEET_TOO_BIG', `表格内容过多（${what}），请删除多余的内容或分批导入`);
export const noHeader = () =>
  new AppError(
    422,
    'IMPORT_NO_HEADER',
    '未找到表头：表格前几行中应有“身份证号码”“姓名”等列名，请使用导入模板或联办申请表的列名',
  );
export const noRows = () =>
  new AppError(422, 'IMPORT_NO_ROWS', '表格中没有员工数据：请在表头下方每行填写一位新员工');
export const tooManyHires = (inSheet: number, room: number, limit: number) =>
  new AppError(
    422,
    'IMPORT_TOO_MANY_HIRES',
    room <= 0
      ? `本次申请已有 ${limit} 位员工，达到上限，不能再导入`
      : `表格中有 ${inSheet} 位员工，本次申请最多还能添加 ${room} 位（每次申请最多 ${limit} 位），请分批申请`,
  );
