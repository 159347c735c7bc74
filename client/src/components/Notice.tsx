import { View } from '@tarojs/components';
import type { ReactNode } from 'react';

/** A boxed message (why something failed, that it worked, what to watch); nothing when there is none. */
export function Notice({
  tone,
  testId,
  children,
}: {
  tone?: 'ok' | 'error' | 'warning';
  testId?: string;
  children?: ReactNode;
}) {
  if (!children) return null;
  return (
    <View className={tone ? `notice notice--${tone}` : 'notice'} data-testid={testId}>
      {children}
    </View>
  );
}
