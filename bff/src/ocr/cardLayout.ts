// Where things sit on the front (人像面) of a second-generation resident ID card. Coordinates are in a
// canonical 856 × 540 frame (10 units per millimetre of the 85.6 × 54 mm card). The generator draws with
// these numbers and the local recogniser crops with them, so the two cannot drift apart.
export const CARD_WIDTH = 856;
export const CARD_HEIGHT = 540;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Label column and value column of the text block. */
export const LABEL_X = 52;
export const VALUE_X = 150;

/** Baselines of the printed lines. */
export const NAME_BASELINE = 96;
export const GENDER_BASELINE = 160;
export const BIRTH_BASELINE = 222;
export const ADDRESS_BASELINE = 284;
export const ADDRESS_LINE_HEIGHT = 42;
export const ADDRESS_CHARS_PER_LINE = 11;
export const NUMBER_BASELINE = 478;
export const NUMBER_X = 292;
export const ETHNICITY_LABEL_X = 300;
export const ETHNICITY_VALUE_X = 392;
export const BIRTH_MONTH_X = 276;
export const BIRTH_DAY_X = 370;

export const VALUE_FONT_SIZE = 31;
export const LABEL_FONT_SIZE = 24;
export const NUMBER_FONT_SIZE = 38;

export const PHOTO_BOX: Box = { x: 560, y: 70, width: 250, height: 310 };

/** A line of value text starting at `x` on `baseline`: 42 units above it to 16 below, with some slack. */
const lineOn = (baseline: number, x: number, width: number): Box => ({
  x,
  y: baseline - 42,
  width,
  height: 58,
});

/** Regions the recogniser reads, with some slack for an imperfect card outline. */
export const FIELD_BOXES = {
  name: lineOn(NAME_BASELINE, 138, 400),
  gender: lineOn(GENDER_BASELINE, 138, 120),
  // From just right of the 民族 label's first character: a print may set the value well left of the
  // layout's (a 族 read with it is dropped).
  ethnicity: lineOn(GENDER_BASELINE, 335, 220),
  birth: lineOn(BIRTH_BASELINE, 138, 410),
  address: { ...lineOn(ADDRESS_BASELINE, 138, 410), height: ADDRESS_LINE_HEIGHT * 2 + 62 },
  idNumber: { x: 270, y: NUMBER_BASELINE - 48, width: 570, height: 66 },
} satisfies Record<string, Box>;

export type FieldName = keyof typeof FIELD_BOXES;

/** The back (国徽面): emblem top left, title top right, the two lines below. */
export const BACK_LABEL_X = 150;
export const BACK_VALUE_X = 318;
export const AUTHORITY_BASELINE = 420;
export const VALIDITY_BASELINE = 484;
export const EMBLEM_BOX: Box = { x: 60, y: 40, width: 160, height: 170 };

export const BACK_BOXES = {
  authorityLabel: lineOn(AUTHORITY_BASELINE, BACK_LABEL_X - 12, 150),
  authority: lineOn(AUTHORITY_BASELINE, BACK_VALUE_X - 12, 520),
  validity: lineOn(VALIDITY_BASELINE, BACK_VALUE_X - 12, 520),
} satisfies Record<string, Box>;

/** One address line: the characters of the printed line and a little paper above and below. */
export function addressLineBox(line: number): Box {
  const baseline = ADDRESS_BASELINE + line * ADDRESS_LINE_HEIGHT;
  return { x: 138, y: baseline - 34, width: 410, height: 44 };
}
