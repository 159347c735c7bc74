// Small waiting helpers for playwright-core (it has no web-first assertions of its own; @playwright/test does,
// but it is a second test runner and downloads its own browser).
import type { Locator, Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

/** A phone: 390×844 CSS pixels at 2×, touch, an iPhone Safari user agent, Chinese locale and time zone. */
export const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  userAgent:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) ' +
    'Version/17.5 Mobile/15E148 Safari/604.1',
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
};

/**
 * In-page expression: the height of what the visible page holds. Taro H5 scrolls inside its page element,
 * not the document. A string, so this Node-typed workspace needs no DOM typings.
 */
export const CONTENT_HEIGHT = `Math.max(
  document.documentElement.scrollHeight,
  ...Array.from(document.querySelectorAll('.taro_page'))
    .filter((el) => getComputedStyle(el).display !== 'none')
    .map((el) => el.scrollHeight),
)`;

/** Reads until `ok` holds, then returns the value; the error names what was awaited and what was last seen. */
export async function eventually<T>(
  what: string,
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  timeout = 10000,
): Promise<T> {
  const deadline = Date.now() + timeout;
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await read();
      if (ok(last)) return last;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${timeout} ms waiting for ${what}; last seen: ${JSON.stringify(last)}` +
          (lastError ? ` (last error: ${(lastError as Error).message})` : ''),
      );
    await new Promise((r) => setTimeout(r, 100));
  }
}

const textOf = async (locator: Locator) =>
  ((await locator.textContent({ timeout: 1000 })) ?? '').replace(/\s+/g, ' ').trim();

export function waitText(locator: Locator, expected: string | RegExp, timeout?: number): Promise<string> {
  return eventually(
    `text ${expected} in ${locator}`,
    () => textOf(locator),
    (t) => (typeof expected === 'string' ? t.includes(expected) : expected.test(t)),
    timeout,
  );
}

export function waitValue(locator: Locator, expected: string, timeout?: number): Promise<string> {
  return eventually(
    `value "${expected}" in ${locator}`,
    () => locator.inputValue({ timeout: 1000 }),
    (v) => v === expected,
    timeout,
  );
}

export function waitCount(locator: Locator, expected: number, timeout?: number): Promise<number> {
  return eventually(
    `${expected} of ${locator}`,
    () => locator.count(),
    (n) => n === expected,
    timeout,
  );
}

export async function waitGone(locator: Locator, timeout = 10000): Promise<void> {
  await locator.waitFor({ state: 'hidden', timeout });
}

export async function waitShown(locator: Locator, timeout = 10000): Promise<void> {
  await locator.waitFor({ state: 'visible', timeout });
}

/** Taro H5 keeps lower pages in the DOM (hidden): only elements on screen count. */
export function byTestId(page: Page, testId: string): Locator {
  return page.locator(`[data-testid="${testId}"]:visible`).first();
}

/** The header's save indicator on `page` says 已保存: the bff has everything typed so far. */
export function waitDraftSaved(page: Page, timeout: number): Promise<string | null> {
  return eventually(
    'save-status 已保存',
    () => byTestId(page, 'save-status').getAttribute('data-status', { timeout: 1000 }),
    (s) => s === 'saved',
    timeout,
  );
}
