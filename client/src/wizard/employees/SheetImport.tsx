// 从表格导入: the template to fill, a sheet picked from a chat (WeChat), the device (Alipay) or a file input
// (H5), and the answer per row with the failed rows as a file to fix and import again.
import { View } from '@tarojs/components';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import type { ImportResult } from '../../api/types';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import type { DraftStore } from '../../draft/draftStore';
import { platform } from '../../platform';
import { failureText } from '../../lib/failureText';
import { api } from '../../services';

const MAX_BYTES = 5 * 1024 * 1024;
/** Rows listed on screen; the file has them all. */
const SHOWN_FAILURES = 30;

export interface SheetImportState {
  busy: boolean;
  error?: string;
  result?: ImportResult;
  importSheet: () => Promise<void>;
  downloadTemplate: () => Promise<void>;
  downloadFailed: () => void;
}

/** The import's state, shared by the buttons (under the list) and the report (above it, where it is seen). */
export function useSheetImport(store: DraftStore | undefined, draftId: string | undefined): SheetImportState {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [result, setResult] = useState<ImportResult>();

  async function downloadTemplate() {
    try {
      await platform().saveFile('员工名单导入模板.xlsx', { url: api.importTemplateUrl() });
    } catch {
      setError('模板下载失败，请检查网络后重试');
    }
  }

  async function importSheet() {
    if (!store || !draftId) return;
    setError(undefined);
    // The import is a new version of the draft: edits still on the device must reach the bff first.
    await store.sync();
    if (store.getState().status === 'conflict' || store.hasUnsavedChanges()) {
      setError('还有未保存的修改，请等待保存完成（或处理版本冲突）后再导入');
      return;
    }
    const file = await platform().pickFile(['xlsx', 'csv']);
    if (!file) return;
    if (file.size !== undefined && file.size > MAX_BYTES) {
      setError('表格文件不能超过 5 MB');
      return;
    }
    setBusy(true);
    setResult(undefined);
    try {
      const answer = await api.importEmployees(draftId, store.getState().version, file);
      store.adopt(answer.draft);
      setResult(answer);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        await store.load().catch(() => undefined);
        setError('草稿已在其他设备上修改，已更新为最新内容，请重新导入');
      } else {
        setError(failureText(err, '网络连接失败，表格未导入，请稍后重试', '导入失败'));
      }
    } finally {
      setBusy(false);
    }
  }

  function downloadFailed() {
    const file = result?.failedRowsFile;
    if (!file) return;
    platform()
      .saveFile(file.fileName, { base64: file.base64, contentType: file.contentType })
      .catch(() => setError('文件打开失败，请重试'));
  }

  return { busy, error, result, importSheet, downloadTemplate, downloadFailed };
}

/** The buttons: pick a sheet, get the template. */
export function SheetImportActions({ state }: { state: SheetImportState }) {
  return (
    <View className="card" data-testid="sheet-import">
      <View className="card__title">从表格批量导入</View>
      <View className="field__hint">
        人数较多时，可下载模板用 Excel 或 WPS
        填写（每行一位员工），再从微信聊天、手机文件或电脑中选择上传；支持 .xlsx 和 .csv，最多 500 人。
      </View>
      <ActionButton id="import-sheet" onClick={() => void state.importSheet()} loading={state.busy}>
        选择表格导入
      </ActionButton>
      <ActionButton id="import-template" kind="link" onClick={() => void state.downloadTemplate()}>
        下载导入模板
      </ActionButton>
    </View>
  );
}

/** What the import did, row by row where rows failed; shown above the list. */
export function SheetImportReport({ state }: { state: SheetImportState }) {
  const { busy, error, result } = state;
  if (!busy && !error && !result) return null;
  const failures = result?.rows.filter((row) => row.status === 'failed') ?? [];
  const warned = result?.rows.filter((row) => row.status === 'imported' && row.warnings.length > 0) ?? [];
  return (
    <View className="card" data-testid="import-report">
      <View className="card__title">表格导入结果</View>
      {busy ? (
        <View className="notice" data-testid="import-progress">
          正在读取和检查表格，请稍候…
        </View>
      ) : null}
      <Notice tone="error" testId="import-error">
        {error}
      </Notice>
      {result ? (
        <View data-testid="import-result">
          <View
            className={`notice ${result.failed === 0 ? 'notice--ok' : 'notice--warning'}`}
            data-testid="import-summary"
          >
            {result.imported > 0 ? `已导入 ${result.imported} 位员工` : '没有导入任何员工'}
            {result.failed > 0 ? `，${result.failed} 行未导入，请按原因修改` : ''}
          </View>
          {result.missingColumns.length > 0 ? (
            <View className="notice notice--warning">
              表格缺少所选办理事项需要的列：{result.missingColumns.join('、')}
            </View>
          ) : null}
          {result.ignoredColumns.length > 0 ? (
            <View className="field__hint">
              以下列不是申请表的内容，已忽略：{result.ignoredColumns.join('、')}
            </View>
          ) : null}
          {failures.slice(0, SHOWN_FAILURES).map((row) => (
            <View className="issue issue--error" key={row.row} data-testid={`import-failed-${row.row}`}>
              <View className="issue__where">
                第 {row.row} 行{row.name ? ` ${row.name}` : ''}
              </View>
              {row.reasons.map((reason) => (
                <View className="issue__message" key={reason}>
                  {reason}
                </View>
              ))}
            </View>
          ))}
          {failures.length > SHOWN_FAILURES ? (
            <View className="field__hint">
              另有 {failures.length - SHOWN_FAILURES} 行未导入，详见下载的表格。
            </View>
          ) : null}
          {result.failedRowsFile ? (
            <ActionButton id="import-download-failed" kind="secondary" onClick={state.downloadFailed}>
              下载未导入的行（含错误原因，改好后可直接再次导入）
            </ActionButton>
          ) : null}
          {warned.length > 0 ? (
            <View className="field__hint" data-testid="import-warnings">
              {warned.length} 位已导入的员工有提示（如申报工资将按缴费基数下限申报），可在列表中点开查看。
            </View>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}
