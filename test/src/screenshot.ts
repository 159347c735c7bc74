// A whole-page screenshot of the H5 build. Taro H5 scrolls inside its page element, not the document, so
// fullPage alone stops at the fold: the viewport is stretched to the content (same width, so the same
// layout) for the picture and put back.
import type { Page } from 'playwright-core';
import { CONTENT_HEIGHT } from './browser';

export async function wholePageShot(page: Page, file: string): Promise<void> {
  // Let transitions and the debounced save indicator settle, so the picture shows what a user would see.
  await page.waitForTimeout(300);
  const viewport = page.viewportSize()!;
  const height = Math.min(await page.evaluate<number>(CONTENT_HEIGHT), 8000);
  if (height > viewport.height) {
    await page.setViewportSize({ width: viewport.width, height });
    await page.waitForTimeout(100);
  }
  try {
    await page.screenshot({ path: file, fullPage: true });
  } finally {
    if (height > viewport.height) await page.setViewportSize(viewport);
  }
}

/**
 * What a reader of the page sees too small: every element with text of its own whose font is under
 * `minPx`, as "class (size px): text". (A string expression: this package type-checks without DOM typings.)
 */
export function smallTexts(page: Page, minPx: number): Promise<string[]> {
  return page.evaluate<string[]>(`(() => {
    const out = [];
    for (const el of document.querySelectorAll('.page *')) {
      const own = [...el.childNodes].filter((n) => n.nodeType === 3 && n.textContent.trim()).map((n) => n.textContent.trim()).join('');
      if (!own) continue;
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden' || el.getClientRects().length === 0) continue;
      const size = parseFloat(style.fontSize);
      if (size < ${minPx}) out.push(el.className + ' (' + size.toFixed(1) + ' px): ' + own.slice(0, 20));
    }
    return out;
  })()`);
}

/** The elements matching `selector` whose text runs over more than one line (e.g. "已办/结"). */
export function wrappedTexts(page: Page, selector: string): Promise<string[]> {
  return page.evaluate<string[]>(`(() => {
    const out = [];
    for (const el of document.querySelectorAll(${JSON.stringify(selector)})) {
      if (el.getClientRects().length === 0) continue;
      const range = document.createRange();
      range.selectNodeContents(el);
      // Pieces of one line in different fonts (digits, Han) sit a pixel or two apart: a new line is a
      // step of more than half the font size.
      const half = parseFloat(getComputedStyle(el).fontSize) / 2;
      const tops = [...range.getClientRects()].filter((r) => r.width > 0).map((r) => r.top).sort((a, b) => a - b);
      if (tops.some((t, i) => i > 0 && t - tops[i - 1] > half)) out.push(el.textContent.trim());
    }
    return out;
  })()`);
}

/**
 * Texts that run past the right edge of their card (or of the screen, outside a card), as "class: text":
 * a link or value pushed off the card by a neighbour in 大字模式. Inputs scroll their own text and are left out.
 */
export function overflowingTexts(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`(() => {
    const out = [];
    const screen = document.documentElement.clientWidth;
    for (const el of document.querySelectorAll('.page *')) {
      if (el.closest('input, textarea, select')) continue;
      const own = [...el.childNodes].filter((n) => n.nodeType === 3 && n.textContent.trim()).map((n) => n.textContent.trim()).join('');
      if (!own || el.getClientRects().length === 0) continue;
      const card = el.closest('.card');
      const edge = card ? card.getBoundingClientRect().right : screen;
      const range = document.createRange();
      range.selectNodeContents(el);
      const right = Math.max(...[...range.getClientRects()].map((r) => r.right));
      if (right > edge + 1) out.push(el.className + ': ' + own.slice(0, 20));
    }
    return out;
  })()`);
}
