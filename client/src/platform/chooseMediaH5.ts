// H5's photo picker, in a module of its own: the platform loads it on the first photo (an ID-card scan), so
// its H5 implementation and the device detection it brings (~65 KB before minification) are not in the code
// every page loads.
import Taro from '@tarojs/taro';

export const chooseMedia = (options: Parameters<typeof Taro.chooseMedia>[0]) => Taro.chooseMedia(options);
