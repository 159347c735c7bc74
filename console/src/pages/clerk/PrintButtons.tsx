// 打印联办申请表 / 受理回执: the bff renders the PDFs (CJK fonts embedded); the browser opens them in a new tab
// for its print dialog. Each print is audited by the bff.
import { useState } from 'react';
import { download } from '../../api/http';
import { ErrorBox } from '../../components/Status';

export function PrintButtons({ applicationId }: { applicationId: string }) {
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<Error>();
  async function open(what: 'form' | 'receipt') {
    setBusy(what);
    setError(undefined);
    try {
      const { blob } =
        what === 'form'
          ? await download('/api/v1/staff/applications/{id}/form.pdf', { path: { id: applicationId } })
          : await download('/api/v1/staff/applications/{id}/receipt.pdf', { path: { id: applicationId } });
      window.open(URL.createObjectURL(blob), '_blank');
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(undefined);
    }
  }
  return (
    <div className="actions">
      <button
        type="button"
        className="primary"
        disabled={!!busy}
        onClick={() => void open('form')}
        data-testid="print-form"
      >
        {busy === 'form' ? '正在生成…' : '打印联办申请表（一式两份）'}
      </button>
      <button
        type="button"
        disabled={!!busy}
        onClick={() => void open('receipt')}
        data-testid="print-receipt"
      >
        {busy === 'receipt' ? '正在生成…' : '打印受理回执'}
      </button>
      {error && <ErrorBox error={error} />}
    </div>
  );
}
