import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ReactNode } from 'react';
import { goHome } from '../routes';
import { useLargeFont } from '../largeFont';

const IS_H5 = process.env.TARO_ENV === 'h5';

/** Back where the user came from, or home when the page was opened directly (a link, a reload). */
function back(): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else goHome();
}

/**
 * Every page's root: applies the large-font setting. The mini-programs draw the title and the back arrow
 * in their own navigation bar; H5 has none, so a page with a `title` gets a header with both.
 */
export function PageShell({
  children,
  testId,
  title,
}: {
  children: ReactNode;
  testId: string;
  title?: string;
}) {
  const [large] = useLargeFont();
  return (
    <View className={`page${large ? ' page--large' : ''}`} data-testid={testId}>
      {IS_H5 && title ? (
        <View className="page-head">
          <View className="page-head__back" role="button" data-testid="page-back" onClick={back}>
            ‹ 返回
          </View>
          <View className="page-head__title" role="heading">
            {title}
          </View>
        </View>
      ) : null}
      {children}
    </View>
  );
}
