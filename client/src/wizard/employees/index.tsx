import { maskDocumentNumber } from '@hiring/shared';
import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { ActionButton } from '../../components/ActionButton';
import { ListItem } from '../../components/ListItem';
import { Choice, TextField } from '../../components/fields';
import { WizardFrame } from '../../components/WizardFrame';
import { useDraft } from '../../draft/drafts';
import { confirm } from '../../lib/confirm';
import { copyJobFields, defaultInsuranceTypes } from '../../lib/employeeDefaults';
import { listHires } from '../../lib/employeeList';
import { issuesUnder, useValidation } from '../../lib/validation';
import { goWizard } from '../../routes';
import { SheetImportActions, SheetImportReport, useSheetImport } from './SheetImport';

export default function EmployeesStep() {
  const { params } = useRouter();
  const id = params.id;
  const draft = useDraft(id);
  const { store, state } = draft;
  const validation = useValidation(state?.application);
  const [showAll, setShowAll] = useState(false);
  const [query, setQuery] = useState('');
  const [incompleteFirst, setIncompleteFirst] = useState(false);
  const sheetImport = useSheetImport(store, id);
  const employees = state?.application.employees ?? [];
  const problemsAt = (i: number) => issuesUnder(validation?.errors, `employees[${i}]`).length;
  const shown = listHires(employees, problemsAt, { query, incompleteFirst });
  const incomplete = employees.filter((_, i) => problemsAt(i) > 0).length;

  function add(how: 'scan' | 'type' | 'copy') {
    if (!store) return;
    const previous = employees[employees.length - 1];
    const matters = state?.application.matters ?? [];
    const insuranceTypes = defaultInsuranceTypes(matters);
    const key = store.addEmployee(
      how === 'copy'
        ? copyJobFields(previous)
        : { idType: 'resident', ...(insuranceTypes.length ? { insuranceTypes } : {}) },
    );
    goWizard('employee', { id, key, scan: how === 'scan' ? 1 : undefined });
  }

  async function remove(key: string, name?: string) {
    const ok = await confirm({
      title: '删除员工',
      content: `确定删除${name ? `“${name}”` : '这位员工'}吗？`,
      confirmText: '删除',
    });
    if (ok) store?.removeEmployee(key);
  }

  function next(): boolean {
    if (employees.length === 0) setShowAll(true);
    return employees.length > 0;
  }

  return (
    <WizardFrame step="employees" title="③ 新员工" draft={draft} onNext={next}>
      {/* The add buttons first, so a long list does not push them out of reach. */}
      <View className="card" data-testid="employee-add">
        <View className="card__title">添加员工</View>
        <View className="row">
          <ActionButton id="add-employee-scan" onClick={() => add('scan')}>
            拍身份证添加
          </ActionButton>
          <ActionButton id="add-employee-type" kind="secondary" onClick={() => add('type')}>
            手动填写
          </ActionButton>
        </View>
        {employees.length > 0 ? (
          <ActionButton id="add-employee-copy" kind="secondary" onClick={() => add('copy')}>
            添加并复制上一位员工的岗位信息
          </ActionButton>
        ) : null}
      </View>
      <SheetImportReport state={sheetImport} />
      <View className="card" data-testid="employee-list">
        {employees.length === 0 ? (
          <View className={`empty${showAll ? ' field__error' : ''}`} data-testid="employees-empty">
            还没有添加员工，请至少添加一位。
          </View>
        ) : (
          <View className="list-tools__count" data-testid="employee-count">
            {`共 ${employees.length} 位员工${incomplete ? `，${incomplete} 位待完善` : '，均已填写完整'}`}
          </View>
        )}
        {employees.length > 1 ? (
          <View className="list-tools">
            <TextField
              id="employee-search"
              label="查找员工"
              placeholder="输入姓名或证件号码"
              value={query}
              onChange={setQuery}
            />
            <Choice
              id="employee-incomplete-first"
              label="待完善的排在前面"
              checked={incompleteFirst}
              onChange={setIncompleteFirst}
            />
          </View>
        ) : null}
        {query && shown.length === 0 ? (
          <View className="empty" data-testid="employee-search-empty">
            没有找到“{query}”
          </View>
        ) : null}
        {shown.map(({ employee: e, index: i, problems }) => (
          <ListItem
            key={e.key}
            id={`employee-${i}`}
            testId={`employee-${i}`}
            title={e.name || `第${i + 1}位员工（未填姓名）`}
            sub={e.idNumber ? maskDocumentNumber(e.idNumber) : '未填证件号码'}
            badge={
              <View className={problems ? 'badge badge--error' : 'badge badge--ok'}>
                {problems ? `${problems} 项待完善` : '已填写完整'}
              </View>
            }
            onOpen={() => goWizard('employee', { id, key: e.key })}
            actions={[
              {
                id: `employee-${i}-edit`,
                label: '编辑',
                onClick: () => goWizard('employee', { id, key: e.key }),
              },
              { id: `employee-${i}-remove`, label: '删除', onClick: () => void remove(e.key, e.name) },
            ]}
          />
        ))}
      </View>
      <SheetImportActions state={sheetImport} />
    </WizardFrame>
  );
}
