// The platform's confirmation dialog, with the app's colour on its confirming button.
import Taro from '@tarojs/taro';

export const APP_COLOR = '#1a5fb4';

export async function confirm(options: {
  title: string;
  content: string;
  confirmText?: string;
  cancelText?: string;
}): Promise<boolean> {
  // Alipay's my.confirm has no colour options (it uses the platform's own).
  const colours =
    process.env.TARO_ENV === 'alipay' ? {} : { confirmColor: APP_COLOR, cancelColor: '#646a73' };
  const res = await Taro.showModal({ ...options, ...colours });
  return res.confirm;
}
