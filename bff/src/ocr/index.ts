// ID-card OCR: the routes and the engines behind them (the synthetic test photos live in bff/ocr-testset).
export {
  createOcrRouter,
  createOcrRoutes,
  IMAGE_FIELD,
  OCR_UPLOAD_PATHS,
  type OcrRouterOptions,
} from './router';
export {
  createOcrProvider,
  ocrConfigFromEnv,
  sharedOcrProvider,
  type OcrConfig,
  type OcrEnv,
} from './config';
export { createLocalOcrProvider, type LocalProviderOptions } from './local/localProvider';
export { createTencentOcrProvider, type TencentOptions } from './cloud/tencentProvider';
export { createBaiduOcrProvider, type BaiduOptions } from './cloud/baiduProvider';
export { toBackResult, toOcrResult } from './verify';
export type {
  FieldCheck,
  IdCardBackOcrResult,
  IdCardBackReading,
  FieldConfidence,
  FieldName,
  IdCardFields,
  IdCardImage,
  IdCardOcrResult,
  IdCardReading,
  ImageType,
  OcrProvider,
} from './types';
