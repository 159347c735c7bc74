import { ETHNICITIES, GENDERS, labelOf, maskDocumentNumber, type EmployeeRow } from '@hiring/shared';
import { View } from '@tarojs/components';
import { useState } from 'react';
import type { OcrBackResult, OcrResult } from '../../api/types';
import { ActionButton } from '../../components/ActionButton';
import { fromOcr, LOW_CONFIDENCE } from '../../lib/employeeDefaults';
import { ocrFailureMessage } from '../../lib/ocrMessages';
import { platform } from '../../platform';
import type { PickedImage } from '../../platform/types';
import { api } from '../../services';

/** Where one side of the card is: nothing yet, being read, read, or why it could not be read. */
type Reading<T> =
  { kind: 'idle' } | { kind: 'busy' } | { kind: 'read'; value: T } | { kind: 'error'; message: string };

// Dates on screen are YYYY-MM-DD everywhere (the card prints them with dots).
const shown = (iso: string | null) => iso ?? '';

/** Takes a photo and reads it with `recognize`, telling `show` each step (a photo over 4 MB is refused). */
async function readPhoto<T>(
  recognize: (image: PickedImage) => Promise<T>,
  show: (reading: Reading<T>) => void,
): Promise<void> {
  const image = await platform().pickImage();
  if (!image) return;
  if (image.size && image.size > 4 * 1024 * 1024) {
    show({ kind: 'error', message: '照片超过 4 MB，请重新拍摄' });
    return;
  }
  show({ kind: 'busy' });
  try {
    show({ kind: 'read', value: await recognize(image) });
  } catch (e) {
    show({ kind: 'error', message: ocrFailureMessage(e) });
  }
}

const FIELDS: { key: keyof OcrResult; label: string; show: (o: OcrResult) => string | undefined }[] = [
  { key: 'name', label: '姓名', show: (o) => o.name ?? undefined },
  {
    key: 'idNumber',
    label: '公民身份号码',
    show: (o) => (o.idNumber ? maskDocumentNumber(o.idNumber) : undefined),
  },
  {
    key: 'gender',
    label: '性别',
    show: (o) => (o.gender ? (labelOf(GENDERS, o.gender) ?? o.gender) : undefined),
  },
  {
    key: 'ethnicity',
    label: '民族',
    show: (o) => (o.ethnicity ? (labelOf(ETHNICITIES, o.ethnicity) ?? o.ethnicity) : undefined),
  },
  { key: 'address', label: '住址', show: (o) => o.address ?? undefined },
];

/** Photo of the ID card → recognised fields shown for confirmation → copied into the row. */
export function IdCardCapture({
  highlight,
  onAccept,
}: {
  highlight: boolean;
  onAccept: (patch: Partial<EmployeeRow>) => void;
}) {
  const [phase, setPhase] = useState<Reading<OcrResult>>({ kind: 'idle' });
  const [backPhase, setBackPhase] = useState<Reading<OcrBackResult>>({ kind: 'idle' });

  const capture = () => readPhoto((image) => api.recognizeIdCard(image), setPhase);
  const captureBack = () => readPhoto((image) => api.recognizeIdCardBack(image), setBackPhase);

  return (
    <View className={`card ocr${highlight ? ' ocr--highlight' : ''}`} data-testid="ocr-card">
      <View className="card__title">拍摄身份证人像面，自动识别</View>
      {phase.kind === 'read' ? (
        <View data-testid="ocr-result">
          <View className="notice">请核对识别结果，确认无误后使用；标“请核对”的项识别把握不大。</View>
          {FIELDS.map((f) => {
            const value = f.show(phase.value);
            const low = (phase.value.confidence?.[f.key] ?? 1) < LOW_CONFIDENCE;
            // The engine leaves a field it is unsure of empty and says why: the employer checks the card.
            const check = phase.value.needsCheck?.find((c) => c.field === f.key);
            return (
              <View className="ocr__row" key={f.key} data-testid={`ocr-row-${f.key}`}>
                <View className="ocr__label">{f.label}</View>
                <View className="ocr__value">{value ?? '未识别'}</View>
                {(low && value) || check ? <View className="badge badge--warning">请核对</View> : null}
                {check ? (
                  <View className="field__hint" data-testid={`ocr-check-${f.key}`}>
                    {check.reason}
                  </View>
                ) : null}
              </View>
            );
          })}
          <View className="row">
            <ActionButton
              id="ocr-accept"
              onClick={() => {
                onAccept(fromOcr(phase.value));
                setPhase({ kind: 'idle' });
              }}
            >
              使用识别结果
            </ActionButton>
            <ActionButton id="ocr-retake" kind="secondary" onClick={() => void capture()}>
              重新拍摄
            </ActionButton>
          </View>
        </View>
      ) : (
        <>
          <ActionButton id="ocr-capture" loading={phase.kind === 'busy'} onClick={() => void capture()}>
            拍摄身份证
          </ActionButton>
          {phase.kind === 'error' ? (
            <View className="notice notice--error" data-testid="ocr-error">
              {phase.message}
            </View>
          ) : null}
          <View className="field__hint">也可以直接在下方手动填写。</View>
        </>
      )}
      <View className="ocr__back" data-testid="ocr-back">
        <ActionButton
          id="ocr-capture-back"
          kind="secondary"
          loading={backPhase.kind === 'busy'}
          onClick={() => void captureBack()}
        >
          拍摄国徽面，核对有效期限
        </ActionButton>
        {backPhase.kind === 'read' ? (
          <View data-testid="ocr-back-result">
            <View className="ocr__row">
              <View className="ocr__label">签发机关</View>
              <View className="ocr__value">{backPhase.value.issuingAuthority ?? '未识别'}</View>
            </View>
            <View className="ocr__row">
              <View className="ocr__label">有效期限</View>
              <View className="ocr__value">
                {backPhase.value.validFrom
                  ? `${shown(backPhase.value.validFrom)} 至 ${backPhase.value.longTerm ? '长期' : shown(backPhase.value.validUntil)}`
                  : '未识别'}
              </View>
            </View>
            {backPhase.value.needsCheck.map((c) => (
              <View className="field__hint" key={c.field}>
                {c.reason}
              </View>
            ))}
            {backPhase.value.expired ? (
              <View className="notice notice--warning" data-testid="ocr-expired">
                {`该身份证已于 ${shown(backPhase.value.validUntil)} 过期，请提醒员工尽快换领，并核对证件信息。`}
              </View>
            ) : null}
          </View>
        ) : null}
        {backPhase.kind === 'error' ? (
          <View className="notice notice--error" data-testid="ocr-back-error">
            {backPhase.message}
          </View>
        ) : null}
      </View>
    </View>
  );
}
