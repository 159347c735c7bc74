import { View } from '@tarojs/components';
import type { MatterProgress } from '../api/types';
import { chinaDateTime } from '../lib/chinaTime';

export function statusClass(status: string): string {
  return `status status--${status}`;
}

export function MatterTimeline({ matter }: { matter: MatterProgress }) {
  return (
    <View className="timeline">
      {matter.timeline.map((t, i) => (
        <View className="timeline__item" key={`${t.at}-${i}`}>
          <View className="timeline__dot" />
          <View className="timeline__body">
            <View className="timeline__status">{t.statusLabel}</View>
            <View className="timeline__at">{chinaDateTime(t.at)}</View>
            {t.note ? <View className="timeline__note">{t.note}</View> : null}
          </View>
        </View>
      ))}
    </View>
  );
}
