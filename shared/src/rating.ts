// 好差评: after every matter of an application is 办结 the employer rates it once, 1-5 with an optional
// comment. One place for the scale so the bff's schema, the mini-program's stars and the supervisor's
// dashboard speak of the same thing.
export const RATING_SCORES = [1, 2, 3, 4, 5] as const;
export type RatingScore = (typeof RATING_SCORES)[number];

/** What each score means, shown beside the stars and in the dashboard. */
export const RATING_LABELS: Record<RatingScore, string> = {
  1: '非常不满意',
  2: '不满意',
  3: '基本满意',
  4: '满意',
  5: '非常满意',
};

export const RATING_COMMENT_MAX_LENGTH = 200;

/** 好评 / 中评 / 差评 as the 政务服务好差评 scheme groups scores (4-5, 3, 1-2). */
export function ratingGrade(score: number): 'good' | 'neutral' | 'bad' {
  return score >= 4 ? 'good' : score === 3 ? 'neutral' : 'bad';
}
