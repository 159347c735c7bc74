import { ETHNICITIES, GENDERS, labelOf, maskDocumentNumber, type EmployeeRow } from '@hiring/shared';
import { View } from '@tarojs/components';
import { useState } from 'react';
import type { OcrBackResult, OcrResult } from '../../api/types';
import { ActionButton } from '../../components/ActionButton';
import { fromOcr, LOW_CONFIDENCE } from '../../lib/employeeDefaults';
import { ocrFailureMessage } from '../../lib/ocrMessages';
import { platform } from '../../platform';
import { api } from '../../services';

type Phase =
  | { kind: 'idle' }
  | { kind: 'busy' }
  | { kind: 'review'; ocr: OcrResult }
  | { kind: 'error'; message: string };

type BackPhase =
  | { kind: 'idle' }
  | { kind: 'busy' }
  | { kind: 'read'; back: OcrBackResult }
  | { kind: 'error'; message: string };

// Dates on screen are YYYY-MM-DD everywhere (the card prints them with dots).
const shown = (iso: string | null) => iso ?? '';

async function pickPhoto(onTooLarge: () => void) {
  const image = await platform().pickImage();
  if (image?.size && image.size > 4 * 1024 * 1024) {
    onTooLarge();
    return null;
  }
  return image;
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
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [backPhase, setBackPhase] = useState<BackPhase>({ kind: 'idle' });

  async function capture() {
    const image = await pickPhoto(() => setPhase({ kind: 'error', message: '照片超过 4 MB，请重新拍摄' }));
    if (!image) return;
    setPhase({ kind: 'busy' });
    try {
      setPhase({ kind: 'review', ocr: await api.recognizeIdCard(image) });
    } catch (e) {
      setPhase({ kind: 'error', message: ocrFailureMessage(e) });
    }
  }

  async function captureBack() {
    const image = await pickPhoto(() =>
      setBackPhase({ kind: 'error', message: '照片超过 4 MB，请重新拍摄' }),
    );
    if (!image) return;
    setBackPhase({ kind: 'busy' });
    try {
      setBackPhase({ kind: 'read', back: await api.recognizeIdCardBack(image) });
    } catch (e) {
      setBackPhase({ kind: 'error', message: ocrFailureMessage(e) });
    }
  }

  return (
    <View className={`card ocr${highlight ? ' ocr--highlight' : ''}`} data-testid="ocr-card">
      <View className="card__title">拍摄身份证人像面，自动识别</View>
      {phase.kind === 'review' ? (
        <View data-testid="ocr-result">
          <View className="notice">请核对识别结果，确认无误后使用；标“请核对”的项识别把握不大。</View>
          {FIELDS.map((f) => {
            const value = f.show(phase.ocr);
            const low = (phase.ocr.confidence?.[f.key] ?? 1) < LOW_CONFIDENCE;
            // The engine leaves a field it is unsure of empty and says why: the employer checks the card.
            const check = phase.ocr.needsCheck?.find((c) => c.field === f.key);
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
                onAccept(fromOcr(phase.ocr));
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
              <View className="ocr__value">{backPhase.back.issuingAuthority ?? '未识别'}</View>
            </View>
            <View className="ocr__row">
              <View className="ocr__label">有效期限</View>
              <View className="ocr__value">
                {backPhase.back.validFrom
                  ? `${shown(backPhase.back.validFrom)} 至 ${backPhase.back.longTerm ? '长期' : shown(backPhase.back.validUntil)}`
                  : '未识别'}
              </View>
            </View>
            {backPhase.back.needsCheck.map((c) => (
              <View className="field__hint" key={c.field}>
                {c.reason}
              </View>
            ))}
            {backPhase.back.expired ? (
              <View className="notice notice--warning" data-testid="ocr-expired">
                {`该身份证已于 ${shown(backPhase.back.validUntil)} 过期，请提醒员工尽快换领，并核对证件信息。`}
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
