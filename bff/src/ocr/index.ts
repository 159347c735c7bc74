// ID-card OCR (issue 6): the route, the engines behind it, and the synthetic card photos used to test them.
export { createOcrRouter, createOcrRoutes, IMAGE_FIELD, type OcrRouterOptions } from './router';
export { createOcrProviderFromConfig, type OcrEnv } from './config';
export { createLocalOcrProvider, type LocalProviderOptions } from './local/localProvider';
export { createTencentOcrProvider, type TencentOptions } from './cloud/tencentProvider';
export { createBaiduOcrProvider, type BaiduOptions } from './cloud/baiduProvider';
export { toOcrResult } from './verify';
export {
  generateIdCardPhoto,
  type GenerateOptions,
  type CardPerson,
  type Degradation,
} from './testset/generate';
export type {
  FieldConfidence,
  FieldName,
  IdCardFields,
  IdCardImage,
  IdCardOcrResult,
  IdCardReading,
  ImageType,
  OcrProvider,
} from './types';
