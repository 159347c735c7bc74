// The errors a user can meet when scanning a card, each with a message that says what to do next.
import type { ErrorCode } from '@hiring/shared';
import { AppError } from '../http/errors';

export const imageRequired = () => new AppError(400, 'IMAGE_REQUIRED', '请上传一张身份证人像面照片');
export const tooManyFiles = () => new AppError(400, 'TOO_MANY_FILES', '一次只能上传一张身份证照片');
export const imageTooLarge = () =>
  new AppError(413, 'IMAGE_TOO_LARGE', '图片不能超过 4 MB，请压缩后重新上传');
export const notAnImage = () =>
  new AppError(415, 'UNSUPPORTED_IMAGE_TYPE', '仅支持 JPEG、PNG 或 WebP 格式的照片，请重新拍摄上传');
export const pdfNotAccepted = () =>
  new AppError(415, 'UNSUPPORTED_IMAGE_TYPE', '上传的文件是 PDF 文档而不是照片，请直接拍摄身份证人像面');
export const imageUnreadable = () =>
  new AppError(422, 'IMAGE_UNREADABLE', '图片已损坏或无法打开，请重新拍摄上传');
export const imageTooSmall = () =>
  new AppError(422, 'IMAGE_TOO_SMALL', '照片分辨率太低，请靠近身份证、使其占满取景框后重新拍摄');
export const imageTooDark = () => new AppError(422, 'IMAGE_TOO_DARK', '照片太暗，请在光线充足的地方重新拍摄');
export const notAnIdCard = () =>
  new AppError(
    422,
    'NOT_ID_CARD',
    '未识别到身份证人像面，请把身份证放在颜色较深的桌面上，人像面完整放入取景框后重新拍摄',
  );
export const notAnIdCardBack = () =>
  new AppError(
    422,
    'NOT_ID_CARD',
    '未识别到身份证国徽面，请把身份证放在颜色较深的桌面上，国徽面完整放入取景框后重新拍摄',
  );
export const frontSideOfCard = () =>
  new AppError(422, 'ID_CARD_FRONT_SIDE', '拍到的是身份证人像面，请翻面拍摄带国徽的一面');
export const imageBlurred = () =>
  new AppError(422, 'IMAGE_BLURRED', '照片模糊，请对准身份证、保持手机稳定后重新拍摄');
export const ocrUnavailable = () =>
  new AppError(503, 'OCR_UNAVAILABLE', '证件识别服务暂时不可用，请稍后再试或手动填写');
/** A 503 the route answers with a Retry-After header. */
export class RetryLaterError extends AppError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(503, code, message);
  }
}
export const ocrBusy = (retryAfterSeconds = 5) =>
  new RetryLaterError('OCR_BUSY', '识别请求较多，请稍后再试或手动填写', retryAfterSeconds);
export const ocrStarting = () =>
  new RetryLaterError('OCR_STARTING', '证件识别服务正在启动，请稍后再试或手动填写', 5);
export const backSideOfCard = () =>
  new AppError(422, 'ID_CARD_BACK_SIDE', '拍到的是身份证国徽面，请翻面拍摄带照片的人像面');
export const imageOverExposed = () =>
  new AppError(422, 'IMAGE_OVEREXPOSED', '照片反光或过亮，请避开强光后重新拍摄');
export const malformedUpload = () => new AppError(400, 'BAD_UPLOAD', '上传的数据不完整，请重新上传照片');
