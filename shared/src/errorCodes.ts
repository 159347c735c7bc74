// Every error code the bff answers with ({ error: { code, message } }): one list for the bff (AppError only
// takes these), the contract (an enum in the OpenAPI document) and the client (which branches on some).
export const ERROR_CODES = [
  // Requests
  'BAD_REQUEST',
  'INVALID_JSON',
  'VALIDATION_FAILED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'REQUEST_TIMEOUT',
  'METHOD_NOT_ALLOWED',
  'NOT_FOUND',
  'TOO_MANY_REQUESTS',
  // Login and rights
  'UNAUTHORIZED',
  'FORBIDDEN',
  'LOGIN_FAILED',
  // Staff login (OIDC) and staff sessions
  'STAFF_IDP_UNAVAILABLE',
  'STAFF_LOGIN_FAILED',
  'STAFF_LOGIN_EXPIRED',
  'STAFF_ROLE_MISSING',
  'STAFF_SESSION_EXPIRED',
  'CSRF_REJECTED',
  // Drafts, submission and 补正
  'VERSION_CONFLICT',
  'ALREADY_SUBMITTED',
  'TOO_MANY_DRAFTS',
  'NOT_RETURNED',
  'CORRECTION_UNCHANGED',
  'NOTHING_TO_SEND',
  'IDEMPOTENCY_KEY_MISSING',
  'IDEMPOTENCY_KEY_INVALID',
  'IDEMPOTENCY_KEY_REUSED',
  'REQUEST_IN_PROGRESS',
  // 补正材料
  'MATERIALS_REQUIRED',
  'MATERIAL_FILE_REQUIRED',
  'MATERIAL_BAD_UPLOAD',
  'MATERIAL_TOO_LARGE',
  'MATERIAL_TYPE',
  'MATERIALS_LIMIT',
  'MATERIAL_SENT',
  // 好差评 (one rating per application, after 办结)
  'ALREADY_RATED',
  'NOT_COMPLETED',
  // The public status lookup (办件编码 + 查询密码) and the printed documents
  'LOOKUP_FAILED',
  'LOOKUP_LOCKED',
  'DOCUMENTS_BUSY',
  // Person lookups (auto-fill)
  'LOOKUP_LIMIT_REACHED',
  'LOOKUP_NOT_ON_DRAFT',
  // Administered rules (calendar years, rule figures)
  'RULES_CHANGED',
  'PERIOD_EXISTS',
  'PERIOD_IN_FORCE',
  // Identity and unit authority (who may submit for a unit)
  'IDENTITY_REQUIRED',
  'IDENTITY_MISMATCH',
  'IDENTITY_NOT_FOUND',
  'IDENTITY_IN_USE',
  'IDENTITY_ALREADY_VERIFIED',
  'IDENTITY_ATTEMPTS_EXCEEDED',
  'UNIT_AUTHORITY_REQUIRED',
  'NOT_LEGAL_REPRESENTATIVE',
  'OPERATOR_CANNOT_AUTHORIZE',
  'AUTHORITY_EXISTS',
  'AUTHORITY_ENDED',
  'INVITATION_NOT_PENDING',
  // Agency callbacks
  'BAD_SIGNATURE',
  'NONCE_REUSED',
  'CASE_MISMATCH',
  'SEQUENCE_JUMP',
  'NOT_CONFIRMED',
  'DECISION_INCOMPLETE',
  'AGENCY_UNAVAILABLE',
  // ID-card photos
  'IMAGE_REQUIRED',
  'TOO_MANY_FILES',
  'BAD_UPLOAD',
  'IMAGE_TOO_LARGE',
  'UNSUPPORTED_IMAGE_TYPE',
  'IMAGE_UNREADABLE',
  'IMAGE_TOO_SMALL',
  'IMAGE_TOO_DARK',
  'IMAGE_OVEREXPOSED',
  'IMAGE_BLURRED',
  'NOT_ID_CARD',
  'ID_CARD_BACK_SIDE',
  'ID_CARD_FRONT_SIDE',
  'ID_CARD_BACK_UNSUPPORTED',
  // Batch import of hires from a sheet
  'IMPORT_FILE_REQUIRED',
  'IMPORT_FILE_TOO_LARGE',
  'IMPORT_BAD_UPLOAD',
  'IMPORT_NOT_A_SHEET',
  'IMPORT_LEGACY_XLS',
  'IMPORT_ENCRYPTED',
  'IMPORT_UNSAFE_FILE',
  'IMPORT_SHEET_TOO_BIG',
  'IMPORT_NO_HEADER',
  'IMPORT_NO_ROWS',
  'IMPORT_TOO_MANY_HIRES',
  'IMPORT_BUSY',
  // Services behind the bff
  'DATA_SOURCE_UNAVAILABLE',
  'PLATFORM_UNAVAILABLE',
  'OCR_STARTING',
  'OCR_UNAVAILABLE',
  'OCR_BUSY',
  'DATABASE_UNAVAILABLE',
  'INTERNAL_ERROR',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
