import { View } from '@tarojs/components';
import { useState } from 'react';
import type { DraftState, DraftStore } from '../draft/draftStore';
import { ActionButton } from './ActionButton';
import { Choice } from './fields';

/**
 * Shown when this device and another both changed the same fields of the draft (the bff answered 409 and the
 * merge could not decide): one choice per such field; everything else is already merged.
 */
export function ConflictPanel({ state, store }: { state: DraftState; store: DraftStore }) {
  const [theirs, setTheirs] = useState<ReadonlySet<string>>(new Set());
  const conflict = state.conflict;
  if (state.status !== 'conflict' || !conflict) {
    return state.mergedRemote ? (
      <View className="notice notice--ok" data-testid="merged-notice">
        已合并另一台设备上的修改。
      </View>
    ) : null;
  }
  const choose = (id: string, useTheirs: boolean) => {
    const next = new Set(theirs);
    if (useTheirs) next.add(id);
    else next.delete(id);
    setTheirs(next);
  };
  return (
    <View className="conflict" data-testid="conflict-panel" role="alertdialog" aria-label="草稿冲突">
      <View className="conflict__title">这份草稿也在另一台设备上修改了</View>
      <View className="conflict__intro">
        只有一处改动的内容已自动合并。下面的项两处都改了，请选择要保留的内容：
      </View>
      {conflict.merge.questions.map((q, i) => (
        <View className="conflict__row" key={q.id} data-testid={`conflict-question-${i}`}>
          <View className="conflict__label">{q.label}</View>
          <Choice
            id={`conflict-${i}-mine`}
            radio
            name={`conflict-${i}`}
            label={`本机：${q.mine}`}
            checked={!theirs.has(q.id)}
            onChange={() => choose(q.id, false)}
          />
          <Choice
            id={`conflict-${i}-theirs`}
            radio
            name={`conflict-${i}`}
            label={`另一台设备：${q.theirs}`}
            checked={theirs.has(q.id)}
            onChange={() => choose(q.id, true)}
          />
        </View>
      ))}
      <View className="conflict__actions">
        <ActionButton id="conflict-resolve" onClick={() => void store.resolveConflict(theirs)}>
          按所选内容合并保存
        </ActionButton>
      </View>
    </View>
  );
}
