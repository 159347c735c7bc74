// 补正材料: documents an agency asked for when it returned a matter (MATERIALS_MISSING). The employer
// uploads them for that matter; the next 补正 sends them to the agency with the case. Stored sealed, as the
// rest of an application: a material may show an ID card or a wage list.
import { createHash } from 'node:crypto';
import { Schema, Types, trusted, type Connection, type Model } from 'mongoose';
import type { FieldCipher } from '../security/fieldCipher';
import { AppError, notFound } from '../http/errors';

/** One file: a scanned page or a PDF of a few pages. */
export const MAX_MATERIAL_BYTES = 2 * 1024 * 1024;
/** Materials one matter may carry, over all its 补正. */
export const MAX_MATERIALS_PER_MATTER = 5;

/** What a file must start with to be what it says: the upload's own type is not trusted. */
const SIGNATURES: { contentType: string; extension: string; magic: Buffer }[] = [
  { contentType: 'application/pdf', extension: 'pdf', magic: Buffer.from('%PDF-') },
  { contentType: 'image/jpeg', extension: 'jpg', magic: Buffer.from([0xff, 0xd8, 0xff]) },
  {
    contentType: 'image/png',
    extension: 'png',
    magic: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  },
];
export const MATERIAL_CONTENT_TYPES = SIGNATURES.map((s) => s.contentType);

export function sniffMaterial(buffer: Buffer): { contentType: string; extension: string } | null {
  const match = SIGNATURES.find((s) => buffer.subarray(0, s.magic.length).equals(s.magic));
  return match ? { contentType: match.contentType, extension: match.extension } : null;
}

const materialSchema = new Schema(
  {
    accountId: { type: Schema.Types.ObjectId, required: true },
    applicationId: { type: Schema.Types.ObjectId, required: true },
    matter: { type: String, required: true },
    label: { type: String, required: true },
    fileName: { type: String, required: true },
    contentType: { type: String, required: true },
    size: { type: Number, required: true },
    sha256: { type: String, required: true },
    /** Sealed: the file's bytes, base64. */
    sealed: { type: String, required: true },
  },
  { timestamps: true },
);
materialSchema.index({ applicationId: 1, matter: 1 });

export interface MaterialDoc {
  _id: Types.ObjectId;
  accountId: Types.ObjectId;
  applicationId: Types.ObjectId;
  matter: string;
  label: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  sealed: string;
  createdAt: Date;
}

/** A material as the employer sees it; `sent` once a 补正 carried it to the agency. */
export interface MaterialView {
  id: string;
  label: string;
  fileName: string;
  contentType: string;
  size: number;
  uploadedAt: Date;
  sent: boolean;
}

/** A material as the agency receives it with the case. */
export interface AgencyMaterial {
  label: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  /** The file, base64. */
  content: string;
}

export const materialsFull = () =>
  new AppError(
    422,
    'MATERIALS_LIMIT',
    `每个事项最多上传 ${MAX_MATERIALS_PER_MATTER} 份材料，请先删除不需要的材料`,
  );

export class MaterialStore {
  constructor(
    private readonly Material: Model<MaterialDoc>,
    private readonly cipher: FieldCipher,
  ) {}

  static model(db: Connection): Model<MaterialDoc> {
    return (db.models.Material as Model<MaterialDoc>) ?? db.model<MaterialDoc>('Material', materialSchema);
  }

  async add(
    owner: { accountId: string; applicationId: string; matter: string },
    file: { buffer: Buffer; label: string; fileName: string },
  ): Promise<MaterialView> {
    const kind = sniffMaterial(file.buffer);
    if (!kind) throw new AppError(415, 'MATERIAL_TYPE', '材料须为 PDF、JPG 或 PNG 文件');
    const count = await this.Material.countDocuments({
      applicationId: owner.applicationId,
      matter: owner.matter,
    });
    if (count >= MAX_MATERIALS_PER_MATTER) throw materialsFull();
    const doc = await this.Material.create({
      ...owner,
      label: file.label,
      fileName: file.fileName || `${file.label}.${kind.extension}`,
      contentType: kind.contentType,
      size: file.buffer.length,
      sha256: createHash('sha256').update(file.buffer).digest('hex'),
      sealed: this.cipher.encrypt(file.buffer.toString('base64')),
    });
    return viewOf(doc.toObject() as MaterialDoc, []);
  }

  async list(applicationId: string, matter: string, sentIds: readonly string[]): Promise<MaterialView[]> {
    const docs = await this.Material.find({ applicationId, matter }, { sealed: 0 })
      .sort({ createdAt: 1 })
      .lean();
    return docs.map((doc) => viewOf(doc as unknown as MaterialDoc, sentIds));
  }

  /** Uploaded for the matter and not yet carried by a 补正. */
  async pendingIds(applicationId: string, matter: string, sentIds: readonly string[]): Promise<string[]> {
    const docs = await this.Material.find({ applicationId, matter }, { _id: 1 })
      .sort({ createdAt: 1 })
      .lean();
    return docs.map((d) => String(d._id)).filter((id) => !sentIds.includes(id));
  }

  /** Removes a material no 补正 has sent yet. */
  async remove(applicationId: string, matter: string, id: string, sentIds: readonly string[]): Promise<void> {
    if (sentIds.includes(id)) throw new AppError(409, 'MATERIAL_SENT', '该材料已随补正送达部门，不能删除');
    const removed = await this.Material.deleteOne({ _id: id, applicationId, matter });
    if (removed.deletedCount !== 1) throw notFound('材料不存在');
  }

  /** What the agency receives for the materials a matter carries, in upload order. */
  async forAgency(ids: readonly string[]): Promise<AgencyMaterial[]> {
    if (!ids.length) return [];
    const docs = await this.Material.find({ _id: trusted({ $in: ids.map((id) => new Types.ObjectId(id)) }) })
      .sort({ createdAt: 1 })
      .lean();
    return docs.map((doc) => ({
      label: doc.label,
      fileName: doc.fileName,
      contentType: doc.contentType,
      size: doc.size,
      sha256: doc.sha256,
      content: this.cipher.decrypt<string>(doc.sealed),
    }));
  }
}

function viewOf(doc: MaterialDoc, sentIds: readonly string[]): MaterialView {
  return {
    id: String(doc._id),
    label: doc.label,
    fileName: doc.fileName,
    contentType: doc.contentType,
    size: doc.size,
    uploadedAt: doc.createdAt,
    sent: sentIds.includes(String(doc._id)),
  };
}
