import type { RawImage } from './homography';
import { readSurely } from './local/localProvider';
import type { LineRead, LineRecogniser } from './local/ppocrRecogniser';

const paper = (): RawImage => ({ data: new Uint8Array(100).fill(255), width: 10, height: 10, channels: 1 });
const read = (text: string, charConfidences: number[]): LineRead => ({
  text,
  charConfidences,
  confidence: charConfidences.reduce((a, b) => a + b, 0) / charConfidences.length,
});

/** A line whose second looks the recogniser reads as `looks`, in order; counts the reads. */
function lineLookedAt(looks: LineRead[]) {
  const recogniser: LineRecogniser & { calls: number } = {
    calls: 0,
    read: async (lines) => lines.map(() => looks[recogniser.calls++]),
  };
  const image = Object.assign(paper(), { reframe: () => paper() });
  return { recogniser, image };
}

describe('a second look at a doubtful line', () => {
  it('takes a text two looks agree on, each character as sure as the second-surest look read it', async () => {
    const { recogniser, image } = lineLookedAt([
      read('沈静', [1, 0.9]),
      read('沈静', [1, 0.8]),
      read('沈睁', [1, 0.95]),
    ]);
    const result = await readSurely(recogniser, { read: read('沈静', [1, 0.61]), image }, 0.7);
    expect(result.read.text).toBe('沈静');
    expect(result.read.charConfidences).toEqual([1, 0.8]);
  });

  it('keeps the doubt when only one look is sure of a character', async () => {
    // 霏 read as 罪: sure once, unsure the other time; the other looks read something else.
    const { recogniser, image } = lineLookedAt([
      read('梁靠', [0.87, 0.7]),
      read('梁罪', [0.91, 0.9]),
      read('梁霏', [0.6, 0.5]),
    ]);
    const result = await readSurely(recogniser, { read: read('梁罪', [0.82, 0.56]), image }, 0.7);
    expect(result.read.charConfidences).toEqual([0.82, 0.56]);
  });

  it('never overrides the first read with a single sure look', async () => {
    const { recogniser, image } = lineLookedAt([
      read('王娜莉', [1, 0.99, 0.98]),
      read('王爆狗', [1, 0.6, 0.2]),
      read('王娜利', [1, 0.9, 0.5]),
    ]);
    const result = await readSurely(recogniser, { read: read('王爆狗', [1, 0.6, 0.17]), image }, 0.7);
    expect(result.read.text).toBe('王爆狗');
    expect(Math.min(...result.read.charConfidences)).toBeLessThan(0.7);
  });

  it('reads a sure line once', async () => {
    const { recogniser, image } = lineLookedAt([]);
    const result = await readSurely(recogniser, { read: read('李明', [0.99, 0.98]), image }, 0.7);
    expect(result.read.text).toBe('李明');
    expect(recogniser.calls).toBe(0);
  });
});
