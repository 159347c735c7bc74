// 我的身份: the account holder states name and ID number once; the bff verifies them with 公安.
import { View } from '@tarojs/components';
import { useState } from 'react';
import { parseIdNumber } from '@hiring/shared';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { TextField } from '../../components/fields';
import { PageShell } from '../../components/PageShell';
import { chinaDate } from '../../lib/chinaTime';
import { useRemote } from '../../lib/useRemote';
import { goAccount } from '../../routes';
import { authorityApi } from '../../api/authority';
import { useFormAction } from '../useFormAction';
import '../account.css';

export default function IdentityPage() {
  const { data, error, loading, reload } = useRemote(() => authorityApi.identity(), []);
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const { busy, message, setMessage, run } = useFormAction();

  const idError =
    idNumber.length === 18 && !parseIdNumber(idNumber)
      ? '身份证号码不正确（出生日期或校验位有误）'
      : undefined;

  async function verify() {
    setMessage(undefined);
    if (!name.trim() || idNumber.length !== 18 || idError) {
      setMessage({ text: '请填写本人姓名和 18 位身份证号码' });
      return;
    }
    await run(async () => {
      await authorityApi.verifyIdentity(name.trim(), idNumber);
      await reload();
      return undefined;
    }, '核验失败，请稍后重试');
  }

  return (
    <PageShell testId="identity">
      {error ? <View className="notice notice--error">{error}</View> : null}
      {loading && !data ? <View className="loading">正在加载…</View> : null}
      {data?.verified ? (
        <View className="card" data-testid="identity-verified">
          <View className="card__title">已完成实名核验</View>
          <View className="list-item__sub" data-testid="identity-name">
            姓名：{data.name}
          </View>
          <View className="list-item__sub" data-testid="identity-idNumber">
            身份证号：{data.idNumber}
          </View>
          <View className="list-item__sub">
            核验时间：{data.verifiedAt ? chinaDate(data.verifiedAt) : ''}
          </View>
          <View className="notice notice--ok">
            您提交的申请表将以您本人作为单位经办人，身份证号无需再次填写。
          </View>
          <ActionButton id="identity-units" kind="secondary" onClick={() => goAccount('units')}>
            我的单位 ›
          </ActionButton>
        </View>
      ) : null}
      {data && !data.verified ? (
        <View className="card" data-testid="identity-form">
          <View className="card__title">实名核验</View>
          <View className="notice">
            请填写您本人的姓名和身份证号码，经公安人口信息核验一致后保存。每个账号只能核验一次，核验后不能更改。
          </View>
          <TextField id="identity-name-input" label="本人姓名" required value={name} onChange={setName} />
          <TextField
            id="identity-idNumber-input"
            label="本人身份证号码"
            required
            kind="idcard"
            maxLength={18}
            value={idNumber}
            onChange={(v) => setIdNumber(v.trim().toUpperCase())}
            error={idError}
          />
          <Notice tone="error" testId="identity-message">
            {message?.text}
          </Notice>
          <ActionButton id="identity-verify" loading={busy} onClick={() => void verify()}>
            核验并保存
          </ActionButton>
        </View>
      ) : null}
    </PageShell>
  );
}
