import { maskDocumentNumber } from '@hiring/shared';
import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { ActionButton } from '../../components/ActionButton';
import { WizardFrame } from '../../components/WizardFrame';
import { copyJobFields } from '../../lib/employeeDefaults';
import { issuesUnder, useValidation } from '../../lib/validation';
import { goWizard } from '../../routes';
import { useDraft } from '../../services';
import { SheetImportActions, SheetImportReport, useSheetImport } from './SheetImport';

export default function EmployeesStep() {
  const { params } = useRouter();
  const id = params.id;
  const { store, state, loadError } = useDraft(id);
  const validation = useValidation(state?.application);
  const [showAll, setShowAll] = useState(false);
  const sheetImport = useSheetImport(store, id);
  const employees = state?.application.employees ?? [];

  function add(how: 'scan' | 'type' | 'copy') {
    if (!store) return;
    const previous = employees[employees.length - 1];
    const key = store.addEmployee(how === 'copy' ? copyJobFields(previous) : { idType: 'resident' });
    goWizard('employee', { id, key, scan: how === 'scan' ? 1 : undefined });
  }

  async function remove(key: string, name?: string) {
    const res = await Taro.showModal({
      title: '删除员工',
      content: `确定删除${name ? `“${name}”` : '这位员工'}吗？`,
    });
    if (res.confirm) store?.removeEmployee(key);
  }

  function next() {
    if (employees.length === 0) {
      setShowAll(true);
      return;
    }
    void store?.sync();
    goWizard('review', { id });
  }

  return (
    <WizardFrame
      step="employees"
      title="③ 新员工"
      store={store}
      state={state}
      loadError={loadError}
      footer={
        <View className="row">
          <ActionButton id="wizard-prev" kind="secondary" onClick={() => goWizard('matters', { id })}>
            上一步
          </ActionButton>
          <ActionButton id="wizard-next" onClick={next}>
            下一步：核对提交
          </ActionButton>
        </View>
      }
    >
      <SheetImportReport state={sheetImport} />
      <View className="card" data-testid="employee-list">
        {employees.length === 0 ? (
          <View className={`empty${showAll ? ' field__error' : ''}`} data-testid="employees-empty">
            还没有添加员工，请至少添加一位。
          </View>
        ) : null}
        {employees.map((e, i) => {
          const problems = issuesUnder(validation?.errors, `employees[${i}]`).length;
          return (
            <View className="list-item" key={e.key} id={`employee-${i}`} data-testid={`employee-${i}`}>
              <View className="list-item__main" onClick={() => goWizard('employee', { id, key: e.key })}>
                <View className="list-item__title">{e.name || `第${i + 1}位员工（未填姓名）`}</View>
                <View className="list-item__sub">
                  {e.idNumber ? maskDocumentNumber(e.idNumber) : '未填证件号码'}
                </View>
                <View className={problems ? 'badge badge--error' : 'badge badge--ok'}>
                  {problems ? `${problems} 项待完善` : '已填写完整'}
                </View>
              </View>
              <View className="list-item__actions">
                <ActionButton
                  id={`employee-${i}-edit`}
                  kind="link"
                  onClick={() => goWizard('employee', { id, key: e.key })}
                >
                  编辑
                </ActionButton>
                <ActionButton
                  id={`employee-${i}-remove`}
                  kind="link"
                  onClick={() => void remove(e.key, e.name)}
                >
                  删除
                </ActionButton>
              </View>
            </View>
          );
        })}
      </View>
      <View className="card">
        <View className="card__title">添加员工</View>
        <ActionButton id="add-employee-scan" onClick={() => add('scan')}>
          拍身份证添加
        </ActionButton>
        <ActionButton id="add-employee-type" kind="secondary" onClick={() => add('type')}>
          手动填写添加
        </ActionButton>
        {employees.length > 0 ? (
          <ActionButton id="add-employee-copy" kind="secondary" onClick={() => add('copy')}>
            添加并复制上一位员工的岗位信息
          </ActionButton>
        ) : null}
      </View>
      <SheetImportActions state={sheetImport} />
    </WizardFrame>
  );
}
