// The generators drawn apart from the engine's own layout (v3: Chromium, v4: pdfkit + poppler), by
// version, for the scripts that read either.
import { openV3Renderer } from './photoV3';
import { openV4Renderer } from './photoV4';

export type IndependentRenderer =
  Awaited<ReturnType<typeof openV3Renderer>> | Awaited<ReturnType<typeof openV4Renderer>>;

/** The renderer of generator `version` when it is drawn independently (3, 4); null for 1 and 2. */
export async function openIndependentRenderer(version: number): Promise<IndependentRenderer | null> {
  if (version === 3) return openV3Renderer();
  if (version === 4) return openV4Renderer();
  return null;
}
