// 下载/打印申请表 (and, on the receipt, the 回执 as image or PDF) for a submitted application. The bff
// makes each file on request; the platform layer opens it (system viewer on WeChat/Alipay, download on H5).
import { View } from '@tarojs/components';
import { useState } from 'react';
import { ApiError } from '../api/client';
import { api, ensureLoggedIn } from '../services';
import { ActionButton } from './ActionButton';
import { Notice } from './Notice';

type Job = 'form' | 'receipt-png' | 'receipt-pdf';

/** The buttons, in order; the 回执 ones only on the receipt page. */
const DOCUMENTS: readonly { job: Job; label: string; kind: 'secondary' | 'link'; receiptOnly?: boolean }[] = [
  { job: 'form', label: '下载/打印申请表', kind: 'secondary' },
  { job: 'receipt-png', label: '保存回执图片', kind: 'secondary', receiptOnly: true },
  { job: 'receipt-pdf', label: '下载回执 PDF', kind: 'link', receiptOnly: true },
];

export function DocumentDownloads({
  id,
  code,
  receipt = false,
}: {
  id: string;
  code: string;
  receipt?: boolean;
}) {
  const [busy, setBusy] = useState<Job>();
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();

  async function open(job: Job) {
    setBusy(job);
    setError(undefined);
    setDone(undefined);
    try {
      await ensureLoggedIn();
      if (job === 'form') await api.openApplicationForm(id, code);
      else await api.openReceipt(id, code, job === 'receipt-png' ? 'png' : 'pdf');
      setDone(job === 'form' ? '申请表已生成' : '回执已生成');
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '下载失败，请检查网络后重试');
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <View className="card" data-testid="document-downloads">
      <View className="card__title">纸质材料</View>
      <View className="field__hint">
        《联办申请表》一式两份（受理经办机构留存、申请单位留存），请用 A4
        纸横向打印，加盖单位公章后可交人社窗口。
      </View>
      {DOCUMENTS.filter((d) => receipt || !d.receiptOnly).map((d) => (
        <ActionButton
          key={d.job}
          id={`download-${d.job}`}
          kind={d.kind}
          loading={busy === d.job}
          onClick={() => void open(d.job)}
        >
          {d.label}
        </ActionButton>
      ))}
      <Notice tone="error" testId="download-error">
        {error}
      </Notice>
      {done ? (
        <View className="field__hint" data-testid="download-done">
          {done}
        </View>
      ) : null}
    </View>
  );
}
