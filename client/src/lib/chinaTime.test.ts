import { chinaDate, chinaDateTime } from './chinaTime';

describe('China time for instants from the bff', () => {
  it('shows a UTC instant late in the evening as the next morning in China', () => {
    expect(chinaDateTime('2026-11-26T18:33:05.123Z')).toBe('2026-11-27 02:33');
    expect(chinaDate('2026-11-26T18:33:05.123Z')).toBe('2026-11-27');
  });

  it('keeps times that already carry +08:00 or no zone at all', () => {
    expect(chinaDateTime('2026-11-26T10:00:00+08:00')).toBe('2026-11-26 10:00');
    expect(chinaDateTime('2026-11-26T10:00:01')).toBe('2026-11-26 10:00');
    expect(chinaDate('')).toBe('');
  });
});
