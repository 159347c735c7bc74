// 好差评: once every matter of an application is 办结, an account entitled to it rates it once, 1-5 with an
// optional comment. Stored on the application (`rating`), where the supervisor's dashboard reads it.
import * as yup from 'yup';
import { Types, trusted } from 'mongoose';
import { MATTER_STATUSES, RATING_COMMENT_MAX_LENGTH, RATING_LABELS, codesOf } from '@hiring/shared';
import type { Services } from '../context';
import { accountLogin } from '../accounts/requireAccount';
import { AppError, conflict, notFound } from '../http/errors';
import { errorResponse } from '../http/errorSchema';
import { defineRoute, type Route } from '../http/route';
import { cleanString, objectIdOf, strictNumber, strictObject } from '../http/validate';
import { isRateable, ratingView } from './view';

const SCORE_MESSAGE = '评分应为 1 到 5 星的整数';
const scaleText = Object.entries(RATING_LABELS)
  .map(([score, label]) => `${score} ${label}`)
  .join(' · ');

export const ratingSchema = yup
  .object({
    score: yup.number().integer().min(1).max(5).required(),
    comment: yup.string().defined(),
    ratedAt: yup.date().required(),
  })
  .nullable()
  .defined()
  .meta({ name: 'Rating', description: `好差评（未评价为 null）：${scaleText}` });

const ratingBody = strictObject({
  score: strictNumber()
    .typeError(SCORE_MESSAGE)
    .required('请选择评分（1 到 5 星）')
    .integer(SCORE_MESSAGE)
    .min(1, SCORE_MESSAGE)
    .max(5, SCORE_MESSAGE)
    .meta({ description: scaleText }),
  comment: cleanString()
    .typeError('评价内容应为文字')
    .max(RATING_COMMENT_MAX_LENGTH, `评价内容最多 ${RATING_COMMENT_MAX_LENGTH} 个字`)
    .default('')
    .meta({ description: `选填，最多 ${RATING_COMMENT_MAX_LENGTH} 字（首尾空白去掉）` }),
});

/** Every status but 已办结: a matter in any of them makes the application not yet rateable. */
const UNFINISHED = codesOf(MATTER_STATUSES).filter((s) => s !== 'completed');

export function ratingRoutes(services: Services): Route[] {
  const { applications } = services;
  return [
    defineRoute({
      method: 'post',
      path: '/applications/:id/rating',
      operationId: 'rateApplication',
      summary: '好差评：全部事项办结后评价办件（1-5 星，可附 200 字以内的评价；每个办件只能评价一次）',
      tags: ['applications'],
      auth: accountLogin(services),
      params: yup.object({ id: objectIdOf('办件编号') }),
      body: ratingBody,
      bodyRequired: true,
      example: { score: 5, comment: '材料一次提交，四个事项都办好了' },
      responses: {
        201: { description: '已保存的评价', schema: ratingSchema },
        400: 'BadRequest',
        404: 'NotFound',
        409: errorResponse('该办件已评价（ALREADY_RATED）'),
        422: errorResponse('尚有事项未办结（NOT_COMPLETED）'),
      },
      handler: async (ctx, { params: { id }, body: { score, comment } }) => {
        const accountId: string = ctx.state.accountId;
        const entitled = await services.authority.visibleFilter(accountId);
        const doc = await applications
          .findOne({ _id: id, ...entitled }, { code: 1, matters: 1, rating: 1 })
          .lean();
        if (!doc) throw notFound('办件不存在');
        if (doc.rating) throw alreadyRated();
        if (!isRateable(doc)) throw notCompleted();
        const rating = { score, comment: comment ?? '', ratedAt: new Date() };
        // One wins: the filter holds only while nobody has rated and every matter is still 办结.
        const updated = await applications
          .findOneAndUpdate(
            {
              _id: new Types.ObjectId(id),
              rating: trusted({ $exists: false }),
              'matters.status': trusted({ $nin: UNFINISHED }),
            },
            { $set: { rating } },
            { returnDocument: 'after', projection: { rating: 1 } },
          )
          .lean();
        if (!updated) {
          const now = await applications.findById(id, { matters: 1, rating: 1 }).lean();
          throw now?.rating ? alreadyRated() : notCompleted();
        }
        await services.audit.record({
          actor: { kind: 'account', id: accountId },
          action: 'application.rate',
          subject: doc.code,
          outcome: 'ok',
          detail: { score },
        });
        ctx.status = 201;
        ctx.body = ratingView(updated);
      },
    }),
  ];
}

const alreadyRated = () => conflict('ALREADY_RATED', '该办件已经评价过了，每个办件只能评价一次');
const notCompleted = () => new AppError(422, 'NOT_COMPLETED', '全部事项办结后才能评价，请办结后再来');
