// What an agency decided, kept: the unit codes it assigned (单位编码, 公积金单位账号) and each hire's numbers
// (就业登记号, 社保/医保个人编号, 公积金个人账号), mapped from the agency's row index to our row key. Personal
// numbers are sealed with the application; the unit codes are the unit's, not personal, and are kept per
// USCC so the next application of the unit starts with them.
import * as yup from 'yup';
import { Schema, type Connection, type Model } from 'mongoose';

const code = (max = 40) => yup.string().max(max);
const yuan = () => yup.number().min(0).max(10_000_000);

/** The `result` of an agency's answer or callback, bounded. Unknown fields are dropped. */
export const agencyResultSchema = yup
  .object({
    socialInsuranceCode: code(),
    housingFundAccount: code(),
    employees: yup
      .array(
        yup.object({
          employeeIndex: yup.number().integer().min(0).max(10_000).required(),
          registrationNumber: code(),
          personalNumber: code(),
          personalAccount: code(),
          monthlyUnit: yuan(),
          monthlyPersonal: yuan(),
          monthlyTotal: yuan(),
          collectionDeferred: yup.boolean(),
        }),
      )
      .max(1000),
    contributionDeclaration: yup
      .object({
        status: code(32),
        periods: yup.array(code(8)).max(24),
        totalDeclaredWage: yuan(),
      })
      .default(undefined),
    relief: yup.object({ type: code(16), status: code(32), materialsDueBy: code(10) }).default(undefined),
  })
  .default(undefined);

export type AgencyResult = yup.InferType<typeof agencyResultSchema>;

export interface StoredEmployeeResult {
  employeeKey: string;
  registrationNumber?: string;
  personalNumber?: string;
  personalAccount?: string;
  monthlyUnit?: number;
  monthlyPersonal?: number;
  monthlyTotal?: number;
  collectionDeferred?: boolean;
}

/** A matter's result as sealed on the matter. */
export interface StoredResult {
  unit: { socialInsuranceCode?: string; housingFundAccount?: string };
  employees: StoredEmployeeResult[];
  contributionDeclaration?: { status?: string; periods?: string[]; totalDeclaredWage?: number };
  relief?: { type?: string; status?: string; materialsDueBy?: string };
}

/** Parses what the agency sent (null when there is nothing usable) and names rows by our keys. */
export function storedResultOf(raw: unknown, sentEmployeeKeys: readonly string[]): StoredResult | null {
  let result: AgencyResult;
  try {
    result = agencyResultSchema.validateSync(raw, { stripUnknown: true });
  } catch {
    return null;
  }
  if (!result) return null;
  const unit: StoredResult['unit'] = {};
  if (result.socialInsuranceCode) unit.socialInsuranceCode = result.socialInsuranceCode;
  if (result.housingFundAccount) unit.housingFundAccount = result.housingFundAccount;
  const employees: StoredEmployeeResult[] = [];
  for (const { employeeIndex, ...numbers } of result.employees ?? []) {
    const employeeKey = sentEmployeeKeys[employeeIndex];
    if (!employeeKey) continue;
    const entry: StoredEmployeeResult = { employeeKey };
    for (const [field, value] of Object.entries(numbers)) {
      if (value !== undefined && value !== null) (entry as unknown as Record<string, unknown>)[field] = value;
    }
    employees.push(entry);
  }
  const stored: StoredResult = { unit, employees };
  if (result.contributionDeclaration)
    stored.contributionDeclaration = result.contributionDeclaration as never;
  if (result.relief) stored.relief = result.relief as never;
  return stored;
}

const unitCodesSchema = new Schema(
  {
    uscc: { type: String, required: true, unique: true },
    socialInsuranceCode: String,
    housingFundAccount: String,
  },
  { timestamps: true },
);

export interface UnitCodesDoc {
  uscc: string;
  socialInsuranceCode?: string | null;
  housingFundAccount?: string | null;
}

export function unitCodesModel(db: Connection): Model<UnitCodesDoc> {
  return db.models.UnitCodes ?? db.model('UnitCodes', unitCodesSchema);
}

/** Keeps the codes an agency gave the unit (never erases one it already has). */
export async function rememberUnitCodes(
  UnitCodes: Model<UnitCodesDoc>,
  uscc: string,
  codes: StoredResult['unit'],
): Promise<void> {
  const set: Record<string, string> = {};
  if (codes.socialInsuranceCode) set.socialInsuranceCode = codes.socialInsuranceCode;
  if (codes.housingFundAccount) set.housingFundAccount = codes.housingFundAccount;
  if (!uscc || Object.keys(set).length === 0) return;
  try {
    await UnitCodes.updateOne({ uscc }, { $set: set }, { upsert: true });
  } catch (error) {
    // Two results for one unit at once: both upserts insert, the unique index keeps one; update it.
    if ((error as { code?: number }).code !== 11000) throw error;
    await UnitCodes.updateOne({ uscc }, { $set: set });
  }
}
