// Reads the hire rows of a sheet and checks each one with shared's rules for the draft's matters, before
// anything is saved: cells the form's notation cannot read, the row rules (validateEmployee), duplicates
// within the sheet and against the hires already in the draft, and the draft's storage bounds.
import {
  EXAMPLE_MARK,
  FIELD_LABELS,
  TEMPLATE_COLUMNS,
  checkDocumentNumber,
  employeeFieldsFor,
  maskDocumentNumber,
  PERSON_ROW_FIELDS,
  rowFromFormCells,
  validateEmployee,
  type EmployeeRow,
  type FormCells,
  type IdType,
  type Issue,
  type MatterCode,
} from '@hiring/shared';
import * as yup from 'yup';
import { draftEmployeeSchema, type DraftEmployee } from '../drafts/draftSchema';
import type { ChosenSheet, SheetColumn, SheetHeader } from './headerRow';
import { noRows, tooManyHires } from './importErrors';
import { SLICE_MS } from './limits';
import { yieldToEventLoop } from '../http/eventLoop';
import type { GridRow } from './sheetFile';

export interface ImportTarget {
  matters: readonly MatterCode[];
  applicationDate?: string;
  countyCode?: string;
  today: string;
  /** Hires already in the draft, for duplicates. */
  existing: readonly { idType?: string; idNumber?: string; name?: string }[];
  /** The draft's hire limit. */
  limit: number;
}

export interface RowOutcome {
  /** Row number in the sheet. */
  row: number;
  status: 'imported' | 'failed';
  name?: string;
  /** Masked: the answer does not need the whole number. */
  idNumber?: string;
  /** Why the row was not imported, each naming its column: “手机号码：手机号码格式不正确”. */
  reasons: string[];
  /** Imported, with something to know (e.g. a wage raised to the base floor). */
  warnings: string[];
}

export interface FailedRow {
  row: number;
  /** The row's cells as typed, by field (see TEMPLATE_COLUMNS), to write back for fixing. */
  cells: Record<string, string>;
  reasons: string[];
}

export interface ImportPlan {
  sheetName: string;
  header: SheetHeader;
  outcomes: RowOutcome[];
  /** Rows that passed, in sheet order, as the draft stores them. */
  good: Omit<DraftEmployee, 'key'>[];
  failed: FailedRow[];
  /** Columns the draft's matters need that the sheet does not have. */
  missingColumns: string[];
}

const FUND_FIELDS = ['housingFund.base', 'housingFund.unitRatio', 'housingFund.personalRatio'];

/** Lines under the list on the paper form (signatures, unit codes, notes): the list ends there. */
const FOOTER = /^(单位经办人|单位编码|填表说明|注[:：]|说明[:：])/;

/** Columns the template has for a field, so a message can name the column the user sees. */
const TEMPLATE_LABEL = new Map(TEMPLATE_COLUMNS.map((column) => [column.field, column.header]));

function fieldOfPath(path: string): string {
  const field = path.replace(/^employees\[\d+\]\.?/, '');
  if (field.startsWith('contract')) return 'contract';
  if (field.startsWith('insuranceTypes')) return 'insuranceTypes';
  return field;
}

function columnName(field: string, header: SheetHeader): string {
  if (field === 'insuranceTypes') return '险种';
  const inSheet = header.columns.find((column) => column.field === field);
  return inSheet?.label ?? TEMPLATE_LABEL.get(field) ?? FIELD_LABELS[field] ?? '员工信息';
}

/** The cells of one row by the form's headers, plus what the spreadsheet program did to some of them. */
function cellsOf(row: GridRow, columns: readonly SheetColumn[], index: number) {
  const cells: FormCells = {};
  const raw: Record<string, string> = {};
  const issues: Issue[] = [];
  let sequence = '';
  for (const column of columns) {
    const cell = row.cells[column.index] ?? { text: '' };
    if (column.label === '序号') sequence = cell.text;
    if (column.field === '') continue;
    cells[column.label] = cell.text;
    if (cell.text !== '') raw[column.field] = cell.text;
    const at = `employees[${index}].${column.field}`;
    if (column.field === 'idNumber' && cell.number !== undefined && cell.text.length > 15) {
      issues.push({
        path: at,
        code: 'stored-as-number',
        message: '证件号码被表格软件存成了数字，末几位可能已丢失：请把该列设为“文本”格式后重新填写',
      });
    }
    if (column.field === 'insuredFrom' && cell.number !== undefined && /^\d{4}\.1$/.test(cell.text)) {
      issues.push({
        path: at,
        code: 'stored-as-number',
        message: `“${cell.text}”被表格软件存成了数字，无法区分 1 月和 10 月：请把该列设为“文本”格式后填写如 2024.01 或 2024.10`,
      });
    }
  }
  return { cells, raw, issues, sequence };
}

type StoredRow = Omit<DraftEmployee, 'key'>;

/** The row as the draft stores it, or why it does not fit the draft's bounds. */
function stored(row: EmployeeRow, index: number): { value?: StoredRow; issues: Issue[] } {
  try {
    const value = draftEmployeeSchema.validateSync(row, { abortEarly: false, stripUnknown: false });
    return { value: value as StoredRow, issues: [] };
  } catch (error) {
    if (!(error instanceof yup.ValidationError)) throw error;
    const leaves = error.inner.length ? error.inner : [error];
    const issues = leaves.map((leaf) => ({
      path: `employees[${index}].${leaf.path ?? ''}`,
      code: 'too-long',
      message: leaf.message.replace(/^\S+ /, ''),
    }));
    return { issues };
  }
}

function documentKey(idType: string | undefined, idNumber: string | undefined): string | undefined {
  if (!idNumber) return undefined;
  const type = (idType ?? 'resident') as IdType;
  const number = checkDocumentNumber(type, idNumber).number ?? idNumber.replace(/\s+/g, '').toUpperCase();
  return `${type}:${number}`;
}

export async function planImport(sheet: ChosenSheet, target: ImportTarget): Promise<ImportPlan> {
  const { name: sheetName, rows, header } = sheet;
  const dataRows: GridRow[] = [];
  for (const row of rows) {
    const first = row.cells.find((cell) => cell.text !== '')?.text ?? '';
    if (FOOTER.test(first)) break;
    // A row with nothing in the form's columns (a numbered blank row of the form, a note beside it).
    if (header.columns.every((c) => c.field === '' || (row.cells[c.index]?.text ?? '') === '')) continue;
    dataRows.push(row);
  }
  if (dataRows.length === 0) throw noRows();
  const room = target.limit - target.existing.length;
  if (dataRows.length > target.limit) throw tooManyHires(dataRows.length, room, target.limit);

  const needed = [
    ...PERSON_ROW_FIELDS,
    ...employeeFieldsFor(target.matters).flatMap((field) =>
      field === 'housingFund' ? FUND_FIELDS : [field],
    ),
  ];
  const present = new Set(
    header.columns.map((c) => (c.field.startsWith('insurance:') ? 'insuranceTypes' : c.field)),
  );
  const inSheet = (field: string) =>
    field === 'housingFund' ? FUND_FIELDS.some((f) => present.has(f)) : present.has(field);
  const missingColumns = needed.filter((f) => !present.has(f)).map((f) => columnName(f, header));

  const seen = new Map<string, { row?: number; name?: string }>();
  for (const hire of target.existing) {
    const key = documentKey(hire.idType, hire.idNumber);
    if (key) seen.set(key, { name: hire.name });
  }

  const plan: ImportPlan = { sheetName, header, outcomes: [], good: [], failed: [], missingColumns };
  // Row by row, yielding to other requests whenever a slice of work has taken SLICE_MS: a cold process
  // (first import after start) or a busy machine makes each row slower, so the slices are timed, not counted.
  let sliceStart = performance.now();
  for (const [i, sheetRow] of dataRows.entries()) {
    if (performance.now() - sliceStart > SLICE_MS) {
      await yieldToEventLoop();
      sliceStart = performance.now();
    }
    const { cells, raw, issues: cellIssues, sequence } = cellsOf(sheetRow, header.columns, i);
    if (sequence === EXAMPLE_MARK) continue;
    const parsed = rowFromFormCells(cells, i);
    // The same rules as on submission, for the draft's matters; duplicates are judged below against the
    // whole sheet and the draft.
    const check = validateEmployee(parsed.row, {
      today: target.today,
      matters: target.matters,
      index: i,
      applicationDate: target.applicationDate,
      countyCode: target.countyCode,
    });
    const row = parsed.row as EmployeeRow;
    const unreadable = [...cellIssues, ...parsed.issues];
    const blocked = new Set(unreadable.map((issue) => fieldOfPath(issue.path)));
    // A cell that could not be read is reported once, not again as missing.
    const errors = [...unreadable, ...check.errors.filter((e) => !blocked.has(fieldOfPath(e.path)))];

    const key = documentKey(row.idType, row.idNumber);
    if (key && !blocked.has('idNumber')) {
      const earlier = seen.get(key);
      if (earlier) {
        errors.push({
          path: `employees[${i}].idNumber`,
          code: 'duplicate',
          message:
            earlier.row !== undefined
              ? `与表格第 ${earlier.row} 行的证件号码重复`
              : `该员工${earlier.name ? `（${earlier.name}）` : ''}已在本次申请中，不能重复添加`,
        });
      } else seen.set(key, { row: sheetRow.number });
    }
    const storage = errors.length === 0 ? stored(row, i) : { issues: [] };
    errors.push(...storage.issues);

    const describe = (issue: Issue) => {
      const field = fieldOfPath(issue.path);
      const column = columnName(field, header);
      const absent = field && !inSheet(field) ? '（表格中没有此列）' : '';
      return `${column}${absent}：${issue.message}`;
    };
    const outcome: RowOutcome = {
      row: sheetRow.number,
      status: errors.length === 0 ? 'imported' : 'failed',
      name: row.name,
      idNumber: row.idNumber ? maskDocumentNumber(row.idNumber) : undefined,
      reasons: [...new Set(errors.map(describe))],
      warnings: errors.length === 0 ? [...new Set(check.warnings.map(describe))] : [],
    };
    plan.outcomes.push(outcome);
    if (storage.value && outcome.status === 'imported') plan.good.push(storage.value);
    else plan.failed.push({ row: sheetRow.number, cells: raw, reasons: outcome.reasons });
  }

  if (plan.outcomes.length === 0) throw noRows();
  if (plan.good.length > room) throw tooManyHires(plan.good.length, room, target.limit);
  return plan;
}
