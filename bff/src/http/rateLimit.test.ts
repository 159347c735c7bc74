import { MemoryRateLimiter } from './rateLimit';

it('allows the limit per window, then asks to wait until the window ends', () => {
  const limiter = new MemoryRateLimiter(3, 60000);
  expect([0, 1, 2].map(() => limiter.hit('a', 1000))).toEqual([0, 0, 0]);
  expect(limiter.hit('a', 31000)).toBe(30);
  expect(limiter.hit('b', 31000)).toBe(0);
  expect(limiter.hit('a', 61000)).toBe(0);
});
