import { View } from '@tarojs/components';
import type { DraftState } from '../draft/draftStore';
import type { DraftStore } from '../draft/draftStore';

const LABELS: Record<DraftState['status'], string> = {
  idle: '',
  pending: '待保存…',
  saving: '正在保存…',
  saved: '已保存',
  offline: '网络不可用，已存在本机，联网后自动同步',
  failed: '保存失败',
  conflict: '草稿已在别处修改',
};

export function SaveStatus({ state, store }: { state: DraftState; store: DraftStore }) {
  const label = LABELS[state.status];
  if (!label) return null;
  return (
    <View
      className={`save-status save-status--${state.status}`}
      data-testid="save-status"
      data-status={state.status}
      aria-live="polite"
    >
      {label}
      {state.status === 'failed' ? (
        <>
          {state.error ? `：${state.error}` : ''}
          <View
            className="save-status__retry"
            id="save-retry"
            data-testid="save-retry"
            onClick={() => void store.retry()}
          >
            重试
          </View>
        </>
      ) : null}
    </View>
  );
}
