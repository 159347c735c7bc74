import type { RawImage } from '../homography';
import { spaceOutCharacters } from './fieldImages';
import { chooseName, nameLikeness } from './nameChoice';

describe('choosing among reads of the name line', () => {
  it('ranks a common surname with one or two more characters above anything else', () => {
    expect(nameLikeness('李明')).toBe(2);
    expect(nameLikeness('欧阳秀英')).toBe(2);
    expect(nameLikeness('王小明华')).toBe(1);
    // A stray character in front, an unknown first character, nothing at all.
    expect(nameLikeness('和蒋德子')).toBe(0);
    expect(nameLikeness('耳涛娜')).toBe(0);
    expect(nameLikeness('李')).toBe(0);
    expect(nameLikeness(null)).toBe(-1);
  });

  it('keeps the first read unless a later one looks more like a name', () => {
    expect(
      chooseName([
        { name: '耳涛娜', confidence: 0.7 },
        { name: '丁涛娜', confidence: 0.6 },
      ]).name,
    ).toBe('丁涛娜');
    expect(
      chooseName([
        { name: '丁刚', confidence: 0.9 },
        { name: '王刚', confidence: 0.95 },
      ]).name,
    ).toBe('丁刚');
    expect(
      chooseName([
        { name: null, confidence: 0 },
        { name: '印伟', confidence: 0.5 },
      ]).name,
    ).toBe('印伟');
  });
});

describe('setting characters apart', () => {
  it('cuts a line at the character pitch from its first inked column and puts gaps between the cells', () => {
    // Three 10-pixel "characters" of ink starting at x = 5 on a 40 × 4 white line.
    const width = 40;
    const height = 4;
    const data = new Uint8Array(width * height).fill(255);
    for (let y = 0; y < height; y++)
      for (let x = 5; x < 35; x++) data[y * width + x] = x % 10 === 4 ? 255 : 0;
    const line: RawImage = { data, width, height, channels: 1 };
    const spaced = spaceOutCharacters(line, 10, 6);
    // Three cells of about 10 pixels with a pixel of margin on each side, and two gaps of 6.
    expect(spaced.height).toBe(height);
    expect(spaced.width).toBe(12 + 11 + 12 + 2 * 6);
  });

  it('returns a line without ink unchanged', () => {
    const blank: RawImage = { data: new Uint8Array(20).fill(255), width: 10, height: 2, channels: 1 };
    expect(spaceOutCharacters(blank, 5, 3)).toBe(blank);
  });
});
