// Wizard steps that several mini-program tests walk the same way, in the words of the form.
import type { Unit } from '@hiring/mock';
import type { MiniProgramHost } from './host';
import type { MiniProgramUser } from './userActions';

/**
 * On ① the unit step, after the lookup filled the unit: the 经办人's phone, 非首次申请, the social insurance
 * code from the register awaited; then ② all three boxes of the form's matters. Ends on ③ the hires' list.
 */
export async function finishUnitAndChooseAllMatters(
  host: MiniProgramHost,
  user: MiniProgramUser,
  unit: Unit,
): Promise<void> {
  await user.fill('unit-operator-phone', '13800138000');
  if (!user.checked('unit-firstApplication-no')) await user.check('unit-firstApplication-no');
  await user.waitValue('unit-socialInsuranceCode', unit.socialInsuranceCode!);
  await user.tap('wizard-next');

  await host.waitRoute('wizard/matters/index');
  for (const m of ['matter-1', 'matter-2', 'matter-3']) await user.check(m);
  await user.tap('wizard-next');
  await host.waitRoute('wizard/employees/index');
}
