import type { RawImage } from './homography';
import { nameLabelEnd, readSurely } from './local/localProvider';
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

  it('looks again at a name read above the minimum but below what one look may carry alone', async () => {
    // A name's reading: 0.75 the minimum, 0.9 needed from one look alone.
    const readName = (first: LineRead, looks: LineRead[]) => {
      const { recogniser, image } = lineLookedAt(looks);
      return readSurely(recogniser, { read: first, image }, 0.75, [], undefined, 0.9).then((result) => ({
        result,
        calls: recogniser.calls,
      }));
    };
    // 莉 read as 码 at 0.78: the other looks must agree, else the name is doubtful.
    const alone = await readName(read('王娜码', [1, 1, 0.78]), [
      read('王娜莉', [1, 1, 0.8]),
      read('王娜利', [1, 1, 0.7]),
      read('王娜苟', [1, 1, 0.6]),
    ]);
    expect(alone.calls).toBe(3);
    expect(alone.result.read.text).toBe('王娜码');
    expect(Math.min(...alone.result.read.charConfidences)).toBeLessThan(0.75);

    const confirmed = await readName(read('王娜莉', [1, 1, 0.8]), [
      read('王娜莉', [1, 1, 0.95]),
      read('王娜莉', [1, 1, 0.85]),
      read('王娜利', [1, 1, 0.5]),
    ]);
    expect(confirmed.result.read.text).toBe('王娜莉');
    expect(confirmed.result.read.charConfidences).toEqual([1, 1, 0.85]);
  });

  it('reads a name of one character again with paper around it, as PaddleOCR pads a line', async () => {
    // 蒋富 read as 富: the name has two characters at least, so the line is read again, padded.
    const seen: RawImage[] = [];
    const recogniser: LineRecogniser = {
      read: async (lines) => {
        seen.push(...lines);
        return lines.map(() => read('蒋富', [0.97, 1]));
      },
    };
    const image = Object.assign(paper(), { reframe: () => paper() });
    const result = await readSurely(
      recogniser,
      { read: read('富', [1]), image },
      0.75,
      [],
      undefined,
      0.9,
      2,
    );
    expect(result.read.text).toBe('蒋富');
    // One look, 320 × 48 in shape (10 high: 67 wide), the line in its middle on white paper.
    expect(seen).toHaveLength(1);
    expect(seen[0].width).toBe(67);
    expect([...seen[0].data].every((v) => v === 255)).toBe(true);
    // A field of one character (民族 汉) is not read again for being short.
    const single = lineLookedAt([]);
    await readSurely(single.recogniser, { read: read('汉', [1]), image: single.image }, 0.75);
    expect(single.recogniser.calls).toBe(0);
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

  it("asks another model only when the first one's looks settle nothing, and pools their looks", async () => {
    // 燊 is outside PP-OCRv4's dictionary: its looks drop it or read a look-alike weakly.
    const { recogniser, image } = lineLookedAt([
      read('蔡艳', [1, 0.99]),
      read('蔡泉艳', [1, 0.41, 0.99]),
      read('蔡帛艳', [1, 0.45, 0.98]),
    ]);
    const wide = lineLookedAt([
      read('蔡燊艳', [1, 0.93, 1]),
      read('蔡燊艳', [1, 0.6, 1]),
      read('蔡燊艳', [1, 0.88, 1]),
      read('蔡桑艳', [1, 0.5, 1]),
    ]).recogniser;
    const first = { read: read('蔡泉艳', [1, 0.52, 0.99]), image };
    const result = await readSurely(
      Object.assign(recogniser, { knows: (ch: string) => ch !== '燊' }),
      first,
      0.7,
      [wide],
    );
    expect(result.read.text).toBe('蔡燊艳');
    expect(result.read.charConfidences).toEqual([1, 0.88, 1]);
    // It read cut by cut and stopped once two of its looks vouched for every character.
    expect(wide.calls).toBe(3);

    // What the other model reads surely is not taken when the first knows every character of it: the
    // first could have read it, and did not settle it.
    const known = lineLookedAt([
      read('重庆市壁山区', [1, 1, 1, 0.5, 1, 1]),
      read('重庆市暨山区', [1, 1, 1, 0.4, 1, 1]),
      read('重庆市壁山区', [1, 1, 1, 0.6, 1, 1]),
    ]);
    const sureOther = lineLookedAt(
      Array.from({ length: 4 }, () => read('重庆市壁山区', [1, 1, 1, 0.9, 1, 1])),
    );
    const kept = await readSurely(
      Object.assign(known.recogniser, { knows: () => true }),
      { read: read('重庆市璧山区', [1, 1, 1, 0.3, 1, 1]), image },
      0.75,
      [sureOther.recogniser],
    );
    expect(kept.read.text).toBe('重庆市璧山区');
    expect(Math.min(...kept.read.charConfidences)).toBeLessThan(0.75);

    // A line the first model settles is never read by the other.
    const settled = lineLookedAt([read('沈静', [1, 0.9]), read('沈静', [1, 0.8]), read('沈睁', [1, 0.95])]);
    const unused = lineLookedAt([]).recogniser;
    await readSurely(settled.recogniser, { read: read('沈静', [1, 0.61]), image }, 0.7, [unused]);
    expect(unused.calls).toBe(0);
  });

  it('reads a sure line once', async () => {
    const { recogniser, image } = lineLookedAt([]);
    const result = await readSurely(recogniser, { read: read('李明', [0.99, 0.98]), image }, 0.7);
    expect(result.read.text).toBe('李明');
    expect(recogniser.calls).toBe(0);
  });
});

describe('the label 姓名 read in with a name', () => {
  const at = (text: string, positions: number[]): LineRead => ({
    ...read(
      text,
      positions.map(() => 1),
    ),
    positions,
  });

  it('ends midway between the label and the name, set apart by more than the name spacing', () => {
    // Positions read on tuning photos: 名刘建 (v4 2 000 101) and 姓名童贵诺 (v4 2 000 142).
    expect(nameLabelEnd(at('名刘建', [21, 75, 103]))).toBe(48);
    expect(nameLabelEnd(at('姓名童贵诺', [22, 52, 96, 120, 145]))).toBe(74);
  });

  it('is not found in a name that starts with 名 at the name spacing, nor in a name alone', () => {
    expect(nameLabelEnd(at('名扬天', [20, 48, 77]))).toBeNull();
    expect(nameLabelEnd(at('姓名扬', [20, 48, 77]))).toBeNull();
    expect(nameLabelEnd(at('刘建', [75, 102]))).toBeNull();
    // Without positions there is nothing to tell the label by.
    expect(nameLabelEnd(read('名刘建', [1, 1, 1]))).toBeNull();
  });
});
