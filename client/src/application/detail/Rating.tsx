// 好差评: once every matter is 办结 the employer rates the application once — five stars (each with its
// meaning, 非常不满意…非常满意) and an optional comment — and from then on sees the rating given.
import { RATING_COMMENT_MAX_LENGTH, RATING_LABELS, RATING_SCORES, type RatingScore } from '@hiring/shared';
import { Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { ApiError, isNetworkError } from '../../api/client';
import type { Rating as GivenRating, SubmittedApplication } from '../../api/types';
import { ActionButton } from '../../components/ActionButton';
import { chinaDateTime } from '../../lib/chinaTime';
import { api } from '../../services';
import './rating.css';

const IS_H5 = process.env.TARO_ENV === 'h5';

function Stars({ score, onPick }: { score: number; onPick?: (score: RatingScore) => void }) {
  return (
    <View className="rating__stars" role={onPick ? 'radiogroup' : undefined} aria-label="评分">
      {RATING_SCORES.map((s) => (
        <View
          key={s}
          id={onPick ? `rating-star-${s}` : undefined}
          data-testid={onPick ? `rating-star-${s}` : undefined}
          className={`rating__star${s <= score ? ' rating__star--on' : ''}`}
          role={onPick ? 'radio' : undefined}
          aria-checked={onPick ? s === score : undefined}
          aria-label={`${s} 星 ${RATING_LABELS[s]}`}
          onClick={onPick ? () => onPick(s) : undefined}
        >
          ★
        </View>
      ))}
    </View>
  );
}

function RatingGiven({ rating }: { rating: GivenRating }) {
  return (
    <View className="card" data-testid="rating-given">
      <View className="card__title">我的评价</View>
      <Stars score={rating.score} />
      <View className="rating__label" data-testid="rating-given-label">
        {`${rating.score} 星 · ${RATING_LABELS[rating.score as RatingScore] ?? ''}`}
      </View>
      {rating.comment ? (
        <View className="rating__comment" data-testid="rating-given-comment">
          {rating.comment}
        </View>
      ) : null}
      <View className="field__hint">{`评价于 ${chinaDateTime(rating.ratedAt)}，感谢您的反馈`}</View>
    </View>
  );
}

function RatingForm({ id, onRated }: { id: string; onRated: (rating?: GivenRating) => void }) {
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const left = RATING_COMMENT_MAX_LENGTH - comment.length;

  async function submit() {
    if (!score) {
      setError('请先点选星级（1 到 5 星）');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      onRated(await api.rateApplication(id, score, comment.trim()));
    } catch (e) {
      // Rated meanwhile (another phone): show what was given.
      if (e instanceof ApiError && e.status === 409) onRated();
      else if (isNetworkError(e)) setError('网络不可用，评价未提交，请稍后重试');
      else setError(e instanceof Error ? e.message : '评价未提交，请稍后重试');
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="card" data-testid="rating-form">
      <View className="card__title">评价本次办理</View>
      <View className="field__hint">
        全部事项已办结。您的评价将转给政务服务管理部门，每个办件可评价一次。
      </View>
      <Stars
        score={score}
        onPick={(s) => {
          setScore(s);
          setError(undefined);
        }}
      />
      <View className="rating__label" data-testid="rating-label">
        {score ? RATING_LABELS[score as RatingScore] : '点选星级'}
      </View>
      {IS_H5 ? (
        <textarea
          className="field__input rating__textarea"
          id="rating-comment"
          data-testid="rating-comment"
          aria-label="评价内容（选填）"
          placeholder="说说办理的感受或建议（选填）"
          maxLength={RATING_COMMENT_MAX_LENGTH}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
        />
      ) : (
        <Textarea
          className="field__input rating__textarea"
          id="rating-comment"
          placeholder="说说办理的感受或建议（选填）"
          maxlength={RATING_COMMENT_MAX_LENGTH}
          value={comment}
          onInput={(e) => setComment(e.detail.value)}
        />
      )}
      <View className="field__hint">{`还可输入 ${left} 字`}</View>
      {error ? (
        <View className="field__error" data-testid="rating-error">
          {error}
        </View>
      ) : null}
      <ActionButton id="rating-submit" loading={busy} onClick={() => void submit()}>
        提交评价
      </ActionButton>
    </View>
  );
}

/** The rating given, the form while the application may be rated, or nothing before 办结. */
export function RatingCard({
  app,
  onRated,
}: {
  app: SubmittedApplication;
  /** With the rating just given, or without one when it was rated elsewhere (reload to see it). */
  onRated: (rating?: GivenRating) => void;
}) {
  if (app.rating) return <RatingGiven rating={app.rating} />;
  if (!app.rateable) return null;
  return <RatingForm id={app.id} onRated={onRated} />;
}
