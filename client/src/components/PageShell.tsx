import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { useLargeFont } from '../services';

/** Every page's root: applies the large-font setting. */
export function PageShell({ children, testId }: { children: ReactNode; testId: string }) {
  const [large] = useLargeFont();
  return (
    <View className={`page${large ? ' page--large' : ''}`} data-testid={testId}>
      {children}
    </View>
  );
}
