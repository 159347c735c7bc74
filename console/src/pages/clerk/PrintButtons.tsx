// 打印联办申请表 / 受理回执: the bff renders the PDFs (CJK fonts embedded); the browser opens them in a new tab
// for its print dialog. Each print is audited by the bff.
import { download } from '../../api/http';
import { ErrorBox } from '../../components/Status';
import { useAction } from '../../components/useAction';

/** The documents of a taken-in application, the form first (the one printed most). */
const DOCUMENTS = [
  { what: 'form', label: '打印联办申请表（一式两份）', path: '/api/v1/staff/applications/{id}/form.pdf' },
  { what: 'receipt', label: '打印受理回执', path: '/api/v1/staff/applications/{id}/receipt.pdf' },
] as const;

export function PrintButtons({ applicationId }: { applicationId: string }) {
  const { busy, error, run } = useAction<(typeof DOCUMENTS)[number]['what']>();
  return (
    <div className="actions">
      {DOCUMENTS.map(({ what, label, path }) => (
        <button
          key={what}
          type="button"
          className={what === 'form' ? 'primary' : undefined}
          disabled={!!busy}
          onClick={() =>
            void run(async () => {
              const { blob } = await download(path, { path: { id: applicationId } });
              window.open(URL.createObjectURL(blob), '_blank');
            }, what)
          }
          data-testid={`print-${what}`}
        >
          {busy === what ? '正在生成…' : label}
        </button>
      ))}
      {error && <ErrorBox error={error} />}
    </div>
  );
}
