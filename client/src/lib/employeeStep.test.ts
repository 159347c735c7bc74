// Issue 19: rules behind the employee step that a user noticed going wrong.
import { ApiError } from '../api/client';
import { isOpenEnded, withContractEnd, withContractStart, withOpenEnded } from './employeeDefaults';
import { ocrFailureMessage } from './ocrMessages';
import { messageAt, validateDraft } from './validation';

describe('contract period typed one date at a time', () => {
  it('typing the start date first leaves the contract fixed-term with the end field shown', () => {
    const contract = withContractStart(undefined, '2026-12-01');
    expect(isOpenEnded(contract)).toBe(false);
    expect(withContractEnd(contract, '2029-11-30')).toEqual({ start: '2026-12-01', end: '2029-11-30' });
  });
  it('typing the end date first and the start after keeps both', () => {
    const contract = withContractStart(withContractEnd(undefined, '2029-11-30'), '2026-12-01');
    expect(contract).toEqual({ start: '2026-12-01', end: '2029-11-30' });
    expect(isOpenEnded(contract)).toBe(false);
  });
  it('only the 无固定期限 box makes it open-ended, and changing the start keeps that choice', () => {
    const open = withOpenEnded(withContractStart(undefined, '2026-12-01'), true);
    expect(isOpenEnded(open)).toBe(true);
    expect(isOpenEnded(withContractStart(open, '2026-12-02'))).toBe(true);
    expect(isOpenEnded(withOpenEnded(open, false))).toBe(false);
  });
  it('a fixed term without its end date is reported, not sent as open-ended', () => {
    const result = validateDraft(
      {
        matters: ['employment'],
        employees: [{ key: 'a', idType: 'resident', contract: withContractStart(undefined, '2026-11-20') }],
      },
      '2026-11-26',
    );
    expect(messageAt(result.errors, 'employees[0].contract.end')).toBe(
      '请填写劳动合同终止日期，或勾选无固定期限',
    );
  });
});

describe('under-16 ban', () => {
  it('shows as soon as the ID number says so, before 性别 is chosen', () => {
    // born 2012-01-01: 14 on the hiring date
    const result = validateDraft(
      {
        matters: ['employment'],
        employees: [{ key: 'a', idType: 'resident', idNumber: '361102201201010013' }],
      },
      '2026-11-26',
    );
    expect(messageAt(result.errors, 'employees[0].idNumber')).toBe('该员工入职时未满 16 周岁，依法不得招用');
  });
});

it('a USCC whose check character does not match first suggests a typing error', () => {
  const result = validateDraft({ unit: { uscc: '91361100MA35ABCD10' } }, '2026-11-26');
  expect(messageAt(result.warnings, 'unit.uscc')).toMatch(/^统一社会信用代码校验位不符，请先核对是否输错/);
});

it('an OCR failure says 重新拍摄 once', () => {
  const tooDark = new ApiError(422, 'IMAGE_TOO_DARK', '照片太暗，请在光线充足的地方重新拍摄');
  expect(ocrFailureMessage(tooDark)).toBe('照片太暗，请在光线充足的地方重新拍摄，或手动填写');
  expect(ocrFailureMessage(new ApiError(503, 'HTTP_503', '识别服务暂不可用'))).toBe(
    '识别服务暂不可用，可重新拍摄或手动填写',
  );
});
