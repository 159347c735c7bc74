// The clerk's ID-card OCR (a multipart photo from a scanner file or a desktop camera image; the bff keeps
// nothing) and the walk-in submission.
import { call, postForm } from './http';
import type { WalkIn } from '../pages/clerk/walkInModel';

export interface IdCardReading {
  idNumber: string | null;
  name: string | null;
  gender: '1' | '2' | null;
  ethnicity: string | null;
  birthDate: string | null;
  address: string | null;
  verified: boolean;
  needsCheck: { field: string; reason: string }[];
}

export const CLERK_OCR_PATH = '/api/v1/staff/clerk/ocr/id-card';

export function readIdCardPhoto(file: File, signal?: AbortSignal): Promise<IdCardReading> {
  const form = new FormData();
  form.append('image', file);
  return postForm<IdCardReading>(CLERK_OCR_PATH, form, signal);
}

/**
 * Takes the walk-in application in: the bff records the attestations, then dispatches as for any other.
 * `attemptKey` is the 受理 attempt's Idempotency-Key: the same key never files a second application.
 */
export function submitWalkIn(walkIn: WalkIn, attemptKey: string) {
  return call('post', '/api/v1/staff/clerk/applications', {
    body: { application: walkIn.application as never, attestation: walkIn.attestation },
    headers: { 'Idempotency-Key': attemptKey },
  });
}

export type WalkInResult = Awaited<ReturnType<typeof submitWalkIn>>;
