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

/** Regions the recogniser reads, with some slack for an imperfect card outline. */
export const FIELD_BOXES = {
  name: { x: 138, y: NAME_BASELINE - 42, width: 400, height: 58 },
  gender: { x: 138, y: GENDER_BASELINE - 42, width: 120, height: 58 },
  ethnicity: { x: 380, y: GENDER_BASELINE - 42, width: 175, height: 58 },
  birth: { x: 138, y: BIRTH_BASELINE - 42, width: 410, height: 58 },
  address: {
    x: 138,
    y: ADDRESS_BASELINE - 42,
    width: 410,
    height: ADDRESS_LINE_HEIGHT * 2 + 62,
  },
  idNumber: { x: 270, y: NUMBER_BASELINE - 48, width: 570, height: 66 },
} satisfies Record<string, Box>;

export type FieldName = keyof typeof FIELD_BOXES;
