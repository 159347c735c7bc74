import { applyHomography, solveHomography, warpInto, type RawImage } from './homography';

describe('perspective mapping', () => {
  const square = [
    { x: 0, y: 0 },
    { x: 100, y: 0 },
    { x: 100, y: 100 },
    { x: 0, y: 100 },
  ];
  const tilted = [
    { x: 12, y: 20 },
    { x: 130, y: 8 },
    { x: 140, y: 110 },
    { x: 5, y: 95 },
  ];

  it('maps each corner onto its partner, and back again with the inverse', () => {
    const forward = solveHomography(square, tilted);
    const backward = solveHomography(tilted, square);
    square.forEach((corner, i) => {
      const mapped = applyHomography(forward, corner);
      expect(mapped.x).toBeCloseTo(tilted[i].x, 6);
      expect(mapped.y).toBeCloseTo(tilted[i].y, 6);
      const back = applyHomography(backward, mapped);
      expect(back.x).toBeCloseTo(corner.x, 6);
      expect(back.y).toBeCloseTo(corner.y, 6);
    });
  });

  it('refuses corners that do not span an area', () => {
    const line = [0, 1, 2, 3].map((i) => ({ x: i, y: i }));
    expect(() => solveHomography(square, line)).toThrow();
  });

  it('cuts a shifted patch out of an image', () => {
    const source: RawImage = { data: new Uint8Array(20 * 20), width: 20, height: 20, channels: 1 };
    for (let y = 5; y < 10; y++) for (let x = 8; x < 13; x++) source.data[y * 20 + x] = 200;
    const target: RawImage = { data: new Uint8Array(5 * 5), width: 5, height: 5, channels: 1 };
    const targetCorners = [
      { x: 0, y: 0 },
      { x: 4, y: 0 },
      { x: 4, y: 4 },
      { x: 0, y: 4 },
    ];
    const sourceCorners = targetCorners.map((p) => ({ x: p.x + 8, y: p.y + 5 }));
    warpInto(source, target, solveHomography(targetCorners, sourceCorners));
    expect([...target.data].every((v) => v === 200)).toBe(true);
  });
});
