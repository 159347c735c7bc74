import { inkExtent, levelled, lineSlope, splitJoinedBands, textRows, trimToRuns } from './local/lineImages';
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

/** 口 at `from`: a square of strokes 4 wide, as a character is drawn (never one solid block). */
const box = (from: number) => [
  { from, to: from + 30, top: 8, bottom: 12, level: 20 },
  { from, to: from + 30, top: 28, bottom: 32, level: 20 },
  { from, to: from + 4, top: 8, bottom: 32, level: 20 },
  { from: from + 26, to: from + 30, top: 8, bottom: 32, level: 20 },
];

describe('where a line ends on the right', () => {
  const characters = [
    { from: 100, to: 130, top: 8, bottom: 32, level: 20 },
    { from: 135, to: 165, top: 8, bottom: 32, level: 20 },
  ];

  it('takes a line whose last character ends a few pixels short of the region edge as whole', () => {
    const cut = trimToRuns(lineWith(characters), 110, 160, 10, 20);
    const short = trimToRuns(
      lineWith(characters.map((c) => ({ ...c, from: c.from + 130, to: c.to + 130 }))),
      110,
      290,
      10,
      20,
    );
    expect(cut!.clipped).toBe(false);
    // Ink to 295 of 300: a character that ends there, not one the edge cuts.
    expect(short!.clipped).toBe(false);
    const cutByEdge = trimToRuns(
      lineWith([...box(240), ...box(275)].map((c) => ({ ...c, to: Math.min(300, c.to) }))),
      110,
      290,
      10,
      20,
    );
    expect(cutByEdge!.clipped).toBe(true);
  });

  it('stops at the portrait: a solid shape beside the last character is no part of the line', () => {
    // The portrait's shoulder: dark from row 14 down, from column 180 on, its rim a little lighter.
    const shoulder = { from: 176, to: 300, top: 14, bottom: 40, level: 30 };
    const cut = trimToRuns(lineWith([...characters, shoulder]), 110, 290, 10, 20)!;
    // The characters' ink, 100–165, with 10 of margin: the shoulder is left out.
    expect(cut.width).toBe(175 - 90);
    expect(cut.clipped).toBe(false);
    // The region's edge may cut the shoulder to a sliver: the edge does not make it part of the line.
    const sliver = trimToRuns(lineWith([...characters, { ...shoulder, from: 280 }]), 110, 290, 10, 20)!;
    expect(sliver.width).toBe(175 - 90);
    expect(sliver.clipped).toBe(false);
    // A character (口, strokes 4 wide) touching the shoulder cannot be told from it: the line counts
    // as cut.
    const touching = trimToRuns(
      lineWith([...box(100), ...box(135), { ...shoulder, from: 165 }]),
      110,
      290,
      10,
      20,
    )!;
    expect(touching.clipped).toBe(true);
  });
});

/** A white block with lines of "characters" (dark blocks with gaps) at the given tops, each `h` high. */
function block(tops: number[], h: number, slope = 0, width = 300, height = 120): RawImage {
  const data = new Uint8Array(width * height).fill(255);
  for (const top of tops)
    for (let x = 10; x < width - 10; x++) {
      if (x % 24 > 17) continue; // the gap between two characters
      const shift = Math.round(slope * (x - width / 2));
      for (let y = top; y < top + h; y++)
        if (y + shift >= 0 && y + shift < height) data[(y + shift) * width + x] = 20;
    }
  return { data, width, height, channels: 1 };
}

describe("finding an address block's lines", () => {
  it('cuts two lines printed close enough to run together at the faintest row between them', () => {
    const image = block([10, 40], 28);
    // Rows 38–39 hold no ink, but with a gap of 4 rows or less the bands run together.
    const [joined] = textRows(image, 12, 4);
    expect(joined).toMatchObject({ top: 10, bottom: 68 });
    const lines = splitJoinedBands(image, [joined], 12, 40);
    expect(lines).toHaveLength(2);
    expect(lines[0].bottom).toBeLessThanOrEqual(40);
    expect(lines[1].top).toBeGreaterThanOrEqual(38);
  });

  it('leaves one tall line whole: no row in it is faint enough to be the space between two', () => {
    const tall = block([10], 50);
    expect(splitJoinedBands(tall, textRows(tall, 12), 12, 40)).toEqual([{ top: 10, bottom: 60 }]);
  });

  it('levels slanted lines so that each lies in rows of its own again', () => {
    const slanted = block([15, 45], 24, 0.05);
    expect(textRows(slanted, 12)).toHaveLength(1);
    const slope = lineSlope(slanted);
    expect(slope).toBeCloseTo(0.05, 2);
    expect(textRows(levelled(slanted, slope), 12)).toEqual([
      { top: 15, bottom: 39 },
      { top: 45, bottom: 69 },
    ]);
    // Level text is left as it is.
    expect(lineSlope(block([15, 45], 24))).toBe(0);
  });
});
