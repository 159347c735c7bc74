// 补正材料 of a matter returned for documents (MATERIALS_MISSING): the employer names each document, picks
// the file (PDF or a photo of the page) and uploads it; the next 补正 takes every uploaded one to the agency.
import { View } from '@tarojs/components';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, isNetworkError } from '../../api/client';
import type { Material, MatterProgress, SubmittedApplication } from '../../api/types';
import { ActionButton } from '../../components/ActionButton';
import { TextField } from '../../components/fields';
import { platform } from '../../platform';
import { api } from '../../services';

const MAX_BYTES = 2 * 1024 * 1024;
const kb = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024))} KB`;

export function Materials({
  app,
  matter,
  onChange,
}: {
  app: SubmittedApplication;
  matter: MatterProgress;
  /** How many uploaded materials the next 补正 will send. */
  onChange: (unsent: number) => void;
}) {
  const [items, setItems] = useState<Material[]>([]);
  const [label, setLabel] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const prefix = `materials-${matter.matter}`;

  // The parent passes a new onChange on every render; the list is read again only for another matter.
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const show = useCallback((next: Material[]) => {
    setItems(next);
    onChangeRef.current(next.filter((m) => !m.sent).length);
  }, []);

  useEffect(() => {
    api
      .listMaterials(app.id, matter.matter)
      .then((answer) => show(answer.items))
      .catch(() => setError('读取已上传的材料失败，请刷新重试'));
  }, [app.id, matter.matter, show]);

  async function pickAndUpload() {
    setError(undefined);
    if (!label.trim()) {
      setError('请先填写材料名称，如“营业执照副本”');
      return;
    }
    const file = await platform().pickFile(['pdf', 'jpg', 'jpeg', 'png']);
    if (!file) return;
    if (file.size !== undefined && file.size > MAX_BYTES) {
      setError('每份材料不能超过 2 MB，请压缩或分页上传');
      return;
    }
    setBusy(true);
    try {
      const added = await api.uploadMaterial(app.id, matter.matter, file, label.trim());
      show([...items, added]);
      setLabel('');
    } catch (err) {
      setError(
        isNetworkError(err)
          ? '网络连接失败，材料未上传，请稍后重试'
          : err instanceof ApiError
            ? err.message
            : '上传失败，请重试',
      );
    } finally {
      setBusy(false);
    }
  }

  async function remove(id: string) {
    setError(undefined);
    try {
      await api.deleteMaterial(app.id, matter.matter, id);
      show(items.filter((m) => m.id !== id));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : '删除失败，请重试');
    }
  }

  return (
    <View className="materials" data-testid={prefix}>
      <View className="notice">
        请按退回原因上传{matter.agencyLabel}要求的材料（PDF、JPG 或 PNG，每份不超过 2
        MB），上传后提交补正，材料随补正送达。
      </View>
      {items.map((m) => (
        <View key={m.id} className="materials__item" data-testid={`${prefix}-item`}>
          {m.label}（{m.fileName}，{kb(m.size)}）{m.sent ? ' 已送达' : ' 待随补正提交'}
          {m.sent ? null : (
            <ActionButton id={`${prefix}-remove-${m.id}`} kind="link" onClick={() => void remove(m.id)}>
              删除
            </ActionButton>
          )}
        </View>
      ))}
      <TextField
        id={`${prefix}-label`}
        label="材料名称"
        value={label}
        maxLength={50}
        placeholder="如：营业执照副本"
        onChange={setLabel}
      />
      <ActionButton
        id={`${prefix}-upload`}
        kind="secondary"
        loading={busy}
        onClick={() => void pickAndUpload()}
      >
        选择文件并上传
      </ActionButton>
      {error ? (
        <View className="notice notice--error" data-testid={`${prefix}-error`}>
          {error}
        </View>
      ) : null}
    </View>
  );
}
