// The bff's response and request shapes, from the types generated out of its contract (shared/src/api/contract.ts,
// by shared/scripts/api-types.mjs): these names are what the client code uses; none is written by hand.
import type { Application, ApiComponents as components, ApiOperations as operations } from '@hiring/shared';

type Schemas = components['schemas'];
type Ok<Id extends keyof operations, Status extends number = 200> =
  operations[Id]['responses'] extends Record<Status, { content: { 'application/json': infer Body } }>
    ? Body
    : never;

export type Issue = Schemas['Issue'];
export type DraftEmployee = Schemas['DraftEmployeeWithKey'];
/** A draft's content as the client holds it while filling it in: any part may still be missing. */
export type DraftApplication = Partial<Schemas['Draft']['application']>;
export type Draft = Schemas['Draft'];
export type DraftSummary = Schemas['DraftSummary'];
export type MatterStatus = Schemas['MatterStatus'];
export type MatterProgress = Schemas['Matter'];
export type MatterReason = MatterProgress['reasons'][number];
export type MatterResult = Schemas['MatterResult'];
/** What a 补正 form starts from: what the matter last sent. */
export type CorrectionDraft = Ok<'getCorrection'>;
/** A document uploaded for a matter returned for materials. */
export type Material = Schemas['Material'];
export type CorrectionBody = NonNullable<
  operations['resubmitMatter']['requestBody']
>['content']['application/json'];
export type UnitCodes = Ok<'getUnitCodes'>;
export type SubmittedApplication = Schemas['Application'];
/** 好差评 as given (null on an application not rated yet). */
export type Rating = NonNullable<Schemas['Rating']>;
export type ApplicationSummary = Schemas['ApplicationSummary'];
export type Notice = Schemas['Notice'];
export type UnitLookup = Schemas['UnitRecord'];
export type PersonLookup = Schemas['PersonRecord'];
export type OcrResult = Schemas['IdCardReading'];
export type OcrBackResult = Schemas['IdCardBackReading'];
export type OcrCheck = OcrResult['needsCheck'][number];
export type Session = Schemas['Session'];
export type Me = Schemas['Me'];
export type ValidationResult = Schemas['ValidationResult'];
export type Consents = Schemas['Consents'];
/** POST /status-lookup: what anyone holding the 办件编码 and 查询密码 sees (names and ID numbers masked). */
export type StatusLookupResult = Schemas['StatusLookup'];
export type ImportResult = Schemas['ImportResult'];
export type ImportRowOutcome = ImportResult['rows'][number];
export type Identity = Schemas['Identity'];
export type UnitAuthority = Schemas['UnitAuthority'];
export type Operator = Schemas['Operator'];
export type Revoked = Schemas['Revoked'];
/** What a legal representative gives to name an operator: name, ID number, phone and the last day. */
export type OperatorGrant = NonNullable<
  operations['inviteOperator']['requestBody']
>['content']['application/json'];
export type Page<Id extends keyof operations> = Ok<Id>;

export type { Application };
