import { View } from '@tarojs/components';
import type { DraftState, DraftStore } from '../draft/draftStore';
import { ActionButton } from './ActionButton';

/** Shown when the bff answered 409: what differs, and which copy to keep. */
export function ConflictPanel({ state, store }: { state: DraftState; store: DraftStore }) {
  const conflict = state.conflict;
  if (state.status !== 'conflict' || !conflict) return null;
  return (
    <View className="conflict" data-testid="conflict-panel" role="alertdialog" aria-label="草稿冲突">
      <View className="conflict__title">这份草稿已在其他设备上修改</View>
      <View className="conflict__intro">请比较两处的内容，选择要保留的版本：</View>
      {conflict.differences.length === 0 ? (
        <View className="conflict__row">内容相同，仅版本不同。</View>
      ) : null}
      {conflict.differences.map((d) => (
        <View className="conflict__row" key={d.id}>
          <View className="conflict__label">{d.label}</View>
          <View className="conflict__mine">本机：{d.mine}</View>
          <View className="conflict__theirs">其他设备：{d.theirs}</View>
        </View>
      ))}
      <View className="conflict__actions">
        <ActionButton id="conflict-keep-mine" onClick={() => void store.keepMine()}>
          保留本机的修改
        </ActionButton>
        <ActionButton id="conflict-keep-theirs" kind="secondary" onClick={() => store.keepTheirs()}>
          使用其他设备的版本
        </ActionButton>
      </View>
    </View>
  );
}
