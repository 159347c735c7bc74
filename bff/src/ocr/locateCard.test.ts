import sharp from 'sharp';
import { openV3Renderer } from '../../ocr-testset/photoV3';
import { renderPhotoV4 } from '../../ocr-testset/photoV4';
import { decodePhoto, locateCard, otherOutlines } from './local/locateCard';

/** The drawn card's corners (a tilted card, 800 × 500 px), clockwise from top left. */
const CARD_CORNERS = [
  { x: 250, y: 230 },
  { x: 1050, y: 190 },
  { x: 1075, y: 690 },
  { x: 275, y: 730 },
];
const CARD_POINTS = CARD_CORNERS.map((c) => `${c.x},${c.y}`).join(' ');

function expectWithinFewPixels(found: { x: number; y: number }[] | null) {
  expect(found).not.toBeNull();
  found!.forEach((c, i) =>
    expect(Math.hypot(c.x - CARD_CORNERS[i].x, c.y - CARD_CORNERS[i].y)).toBeLessThan(8),
  );
}

/**
 * A pale card (a tilted rectangle with text and a dark portrait) on a desk, under light falling off
 * across the photo, its corners at CARD_CORNERS.
 */
async function cardOnDesk(desk: { from: string; to: string }, card = '#f3f1ea') {
  const width = 1280;
  const height = 960;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs>
      <linearGradient id="desk" x1="0" y1="0" x2="1" y2="0.3"><stop offset="0" stop-color="${desk.from}"/><stop offset="1" stop-color="${desk.to}"/></linearGradient>
      <linearGradient id="light" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="#000" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity="0.35"/></linearGradient>
    </defs>
    <rect width="${width}" height="${height}" fill="url(#desk)"/>
    <polygon points="${CARD_POINTS}" fill="${card}"/>
    <polygon points="820,260 1000,250 1015,560 835,570" fill="#555"/>
    <text x="330" y="330" font-family="Noto Sans CJK SC" font-size="40" transform="rotate(-3 330 330)">姓名 王明</text>
    <text x="420" y="650" font-family="Noto Sans CJK SC" font-size="44" transform="rotate(-3 420 650)">361102199003071237</text>
    <rect width="${width}" height="${height}" fill="url(#light)"/>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}

async function foundCorners(jpeg: Buffer) {
  const outline = await locateCard(await decodePhoto(jpeg));
  return outline?.corners ?? null;
}

/**
 * The card found in an independently rendered photo, every corner within `share` of the card's width
 * of where the renderer put it.
 */
async function expectFoundWithin(
  photo: { jpeg: Buffer; corners: { x: number; y: number }[] },
  share: number,
) {
  const decoded = await decodePhoto(photo.jpeg);
  const outline = await locateCard(decoded);
  expect(outline).not.toBeNull();
  // decodePhoto bounds the photo's size; the renderer's corners are in the photo as taken.
  const { width } = await sharp(photo.jpeg).metadata();
  const k = decoded.width / width!;
  const truth = photo.corners.map(({ x, y }) => ({ x: x * k, y: y * k }));
  const cardWidth = Math.hypot(truth[1].x - truth[0].x, truth[1].y - truth[0].y);
  outline!.corners.forEach((c, i) =>
    expect(Math.hypot(c.x - truth[i].x, c.y - truth[i].y)).toBeLessThan(share * cardWidth),
  );
}

/** Rendering and searching a 1280 × 960 photo: well under a second idle, allowed for a busy machine. */
const BUDGET = 30_000;

describe('finding the card in a photo', () => {
  it.each([
    ['on a dark desk', { from: '#4a3524', to: '#2d2118' }],
    // The card is only a little lighter than the paper, and the light falling off across the photo
    // makes its shaded end darker than the lit paper: no single brightness tells card from desk.
    [
      'on white paper whose far end, in the shade, is darker than the paper near the light',
      { from: '#dedbd4', to: '#c9c6bf' },
    ],
  ])(
    'finds a card %s to within a few pixels of its corners',
    async (_, desk) => {
      expectWithinFewPixels(await foundCorners(await cardOnDesk(desk)));
    },
    BUDGET,
  );

  // A thumb holding the card by a corner hides that corner and bites into both edges meeting there;
  // taking the corner as the region's extreme point along the diagonal put it on the thumb's rim,
  // far inside the card, and the straightened card came out skewed.
  it(
    'finds a card whose top-right corner is covered by a thumb to within a few pixels of its corners',
    async () => {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="960">
        <rect width="1280" height="960" fill="#3b2a1e"/>
        <polygon points="${CARD_POINTS}" fill="#f3f1ea"/>
        <rect x="820" y="330" width="170" height="220" fill="#555"/>
        <text x="330" y="330" font-family="Noto Sans CJK SC" font-size="40" transform="rotate(-3 330 330)">姓名 王明</text>
        <text x="420" y="650" font-family="Noto Sans CJK SC" font-size="44" transform="rotate(-3 420 650)">361102199003071237</text>
        <ellipse cx="1060" cy="205" rx="60" ry="150" transform="rotate(50 1060 205)" fill="#b07a5a"/>
      </svg>`;
      const found = await foundCorners(await sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer());
      expectWithinFewPixels(found);
    },
    BUDGET,
  );

  // Independently rendered (v4: pdfkit + poppler) photos where the region of the card's lightness
  // is not the card: a light thumb over the top-right corner joins it (2 000 066, 248 px off before),
  // with a thumb over the top-left the outline came out 347 px off at a corner (2 000 045). The card's
  // straight edges set both right.
  it.each([2_000_066, 2_000_045])(
    'finds a card held by a thumb over a corner in v4 tuning photo %i to within 1.5 % of its width',
    async (seed) => {
      await expectFoundWithin(await renderPhotoV4(seed), 0.015);
    },
    // Rendering a v4 photo shells out to poppler and works on a few megapixels.
    2 * BUDGET,
  );

  // On ruled paper the region of the card's lightness ran on into the paper: the top side on a ruled
  // line above the card, the left on the margin's line (2 000 219, 26 % of the width off at worst);
  // a shadow's edge across the card was taken for its left side (2 000 188, 29 %). The card's own
  // outline is among the others the photo allows, for the reading to pick.
  it.each([2_000_219, 2_000_188])(
    'offers the outline of the card itself among the others when the first is wrong (v4 tuning photo %i)',
    async (seed) => {
      const photo = await renderPhotoV4(seed);
      const decoded = await decodePhoto(photo.jpeg);
      const { width } = await sharp(photo.jpeg).metadata();
      const k = decoded.width / width!;
      const truth = photo.corners.map(({ x, y }) => ({ x: x * k, y: y * k }));
      const cardWidth = Math.hypot(truth[1].x - truth[0].x, truth[1].y - truth[0].y);
      const worstOff = (corners: { x: number; y: number }[]) =>
        Math.max(...corners.map((c, i) => Math.hypot(c.x - truth[i].x, c.y - truth[i].y))) / cardWidth;
      const first = (await locateCard(decoded))!;
      expect(worstOff(first.corners)).toBeGreaterThan(0.1);
      const others: number[] = [];
      for await (const other of otherOutlines(decoded, first)) others.push(worstOff(other.corners));
      expect(others.length).toBeLessThanOrEqual(6);
      expect(Math.min(...others)).toBeLessThan(0.015);
    },
    2 * BUDGET,
  );

  it(
    'finds nothing in a photo of an empty desk',
    async () => {
      const jpeg = await cardOnDesk({ from: '#dedbd4', to: '#c9c6bf' }, 'rgba(0,0,0,0)');
      expect(await foundCorners(jpeg)).toBeNull();
    },
    BUDGET,
  );

  // A white-bordered print on a white sheet: a pale, straight-edged, card-shaped outline whose middle
  // is dark. Counting its dark middle in as a "hole" would make it as solid as a card.
  it(
    'finds nothing in a photo of a dark picture with a white border on white paper',
    async () => {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="960">
        <defs><linearGradient id="desk" x1="0" y1="0" x2="1" y2="0.3"><stop offset="0" stop-color="#dedbd4"/><stop offset="1" stop-color="#c9c6bf"/></linearGradient></defs>
        <rect width="1280" height="960" fill="url(#desk)"/>
        <polygon points="250,230 1050,190 1075,690 275,730" fill="#f1efe9"/>
        <polygon points="360,330 940,300 958,590 378,620" fill="#3a4048"/>
      </svg>`;
      const jpeg = await sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
      expect(await foundCorners(jpeg)).toBeNull();
    },
    BUDGET,
  );

  // Independently rendered photos (Chromium) of a card on a white sheet, the card only a few levels
  // lighter than the sheet and lit unevenly: once the light is evened out, its portrait and text leave
  // the card's region too full of holes to pass as a card at any threshold, and these were refused as
  // 未识别到身份证人像面 until the region was judged with its holes counted in.
  it.each([
    ['36 and 78 to within 1 % of its width', [36, 78], 0.01],
    // No region of their own lightness at all: only the cut edge and its shadow show. Refused until
    // the card was looked for by its four straight edges (0.1–1.3 % off on the 8 of 10 tuning photos
    // of v3 101–300 refused before).
    ['162 and 286 (found by its edges) to within 1.5 % of its width', [162, 286], 0.015],
  ])(
    'finds a pale card on white paper in v3 tuning photos %s',
    async (_, seeds, share) => {
      const renderer = await openV3Renderer();
      try {
        for (const seed of seeds) {
          await expectFoundWithin(await renderer.render(seed), share);
        }
      } finally {
        await renderer.close();
      }
    },
    // Starting Chromium and rendering two photos takes a few seconds idle.
    2 * BUDGET,
  );
});
