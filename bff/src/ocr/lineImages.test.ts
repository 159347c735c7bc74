import { inkExtent, trimToRuns } from './local/lineImages';
import type { RawImage } from './homography';

/** A 40-pixel-high white line with dark blocks (characters) and light bars (a blurred 一) drawn in. */
function lineWith(
  marks: { from: number; to: number; top: number; bottom: number; level: number }[],
): RawImage {
  const width = 300;
  const height = 40;
  const data = new Uint8Array(width * height).fill(255);
  for (const m of marks)
    for (let y = m.top; y < m.bottom; y++) for (let x = m.from; x < m.to; x++) data[y * width + x] = m.level;
  return { data, width, height, channels: 1 };
}

describe('cutting a line to its ink', () => {
  // Two characters of solid ink at 100–130 and 135–165, and a thin stroke blurred to grey at 66–96
  // (the 一 that starts a wrapped address line, lighter than ink once the photo is soft).
  const characters = [
    { from: 100, to: 130, top: 8, bottom: 32, level: 20 },
    { from: 135, to: 165, top: 8, bottom: 32, level: 20 },
  ];
  const faintStroke = { from: 66, to: 96, top: 19, bottom: 22, level: 150 };

  it('keeps a faint stroke beside the ink, with paper around it', () => {
    const cut = trimToRuns(lineWith([faintStroke, ...characters]), 110, 200, 10, 20)!;
    // 66 − 10 of margin to 165 + 10.
    expect(cut.width).toBe(175 - 56);
    expect(cut.clipped).toBe(false);
    expect(inkExtent(cut)).toMatchObject({ left: 10, right: 10 + 99 });
  });

  it('leaves out paper and the faded pattern (lighter than any stroke) beside the ink', () => {
    const pattern = { from: 20, to: 96, top: 5, bottom: 35, level: 215 };
    const cut = trimToRuns(lineWith([pattern, ...characters]), 110, 200, 10, 20)!;
    expect(cut.width).toBe(175 - 90);
  });

  it('does not reach for a faint mark more than a character away', () => {
    const farMark = { from: 20, to: 40, top: 19, bottom: 22, level: 150 };
    const cut = trimToRuns(lineWith([farMark, ...characters]), 110, 200, 10, 20)!;
    expect(cut.width).toBe(175 - 90);
  });

  it('does not widen through a shadow, grain, or a faded label cut by the edge of the region', () => {
    // A grey shadow darkening whole columns beside the first character.
    const shadow = { from: 70, to: 96, top: 2, bottom: 38, level: 150 };
    expect(trimToRuns(lineWith([shadow, ...characters]), 110, 200, 10, 20)!.width).toBe(175 - 90);
    // Single specks of grain, never two touching.
    const grain = [70, 76, 82, 88, 94].map((x) => ({
      from: x,
      to: x + 1,
      top: x % 7,
      bottom: 1 + (x % 7),
      level: 150,
    }));
    expect(trimToRuns(lineWith([...grain, ...characters]), 110, 200, 10, 20)!.width).toBe(175 - 90);
    // The faded end of the label, cut by the region's edge, a little before a value that starts early.
    const early = characters.map((c) => ({ ...c, from: c.from - 70, to: c.to - 70 }));
    const labelEnd = { from: 0, to: 22, top: 19, bottom: 22, level: 150 };
    const cut = trimToRuns(lineWith([labelEnd, ...early]), 40, 200, 10, 20)!;
    // The value's ink, 30–95, with 10 of margin, 20 to 105: the label's end is left out.
    expect(cut.width).toBe(105 - 20);
    expect(cut.clipped).toBe(false);
  });
});
