// Ending an authorization (撤销 by the legal representative, 退出 or 拒绝 by the person named): asked once,
// then sent; a refusal (e.g. already ended) is said in a toast.
import Taro from '@tarojs/taro';
import { authorityApi } from '../api/authority';
import { errorText } from './errorText';

/** Resolves false when the user cancelled, true once the bff answered (the list should then be reloaded). */
export async function confirmRevoke(authorityId: string, title: string, content: string): Promise<boolean> {
  const { confirm } = await Taro.showModal({ title, content });
  if (!confirm) return false;
  try {
    await authorityApi.revokeAuthority(authorityId);
  } catch (e) {
    void Taro.showToast({ title: errorText(e), icon: 'none' });
  }
  return true;
}
