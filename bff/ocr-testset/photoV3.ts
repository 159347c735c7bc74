// An ID-card photo set rendered independently of the engine and of generator versions 1 and 2:
// a web page drawn by Chromium (Skia, not librsvg), with its own idea of where the card's lines sit
// (taken from the real card's proportions, not from cardLayout.ts, and varied card to card), its own
// fonts and digit faces, and a phone-photo scene made with CSS: 3-D tilt in perspective, desks from
// dark wood to white paper, drop shadows, colour casts, glare, focus and motion blur, sensor noise
// and JPEG loss. Version 2 measures what the engine was tuned on; this set measures what it was not.
import { chromium, type Browser } from 'playwright-core';
import { ETHNICITIES } from '@hiring/shared';
import { createRandom, type Random } from './random';
import type { CardPerson } from './people';
import { randomPersonV3 } from './peopleV3';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

/** Card size in CSS pixels before the scene scales it: 85.6 × 54 mm at 10 px per mm. */
const W = 856;
const H = 540;

const VALUE_FONTS = [
  "'Noto Sans CJK SC'",
  "'Noto Sans CJK SC'",
  "'Noto Serif CJK SC'",
  "'Noto Sans Mono CJK SC'",
  "'HanaMinA', 'Noto Serif CJK SC'",
];
const DIGIT_FONTS = [
  "'DejaVu Sans Mono'",
  "'DejaVu Sans'",
  "'Noto Sans Mono CJK SC'",
  "'DejaVu Serif'",
  "'Noto Sans CJK SC'",
];

export interface PhotoV3 {
  jpeg: Buffer;
  person: CardPerson;
  /** The scene's settings, for looking at a failure. */
  scene: Record<string, number | string>;
  /** The card's sharp corners in the photo (top-left, top-right, bottom-right, bottom-left). */
  corners: { x: number; y: number }[];
}

const esc = (t: string) => t.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
const f = (n: number, d = 1) => n.toFixed(d);

function ethnicityName(code: string): string {
  const label = ETHNICITIES.find((e) => e.code === code)?.label ?? '汉族';
  return label.replace(/族$/, '');
}

function cardHtml(person: CardPerson, r: Random, scene: PhotoV3['scene']): string {
  // Where the real card prints its lines, as shares of its width and height, each varied a little
  // (printers, card generations, the 2-mm rounded corners a photo blurs into the desk).
  const shiftX = r.between(-0.012, 0.012) * W;
  const shiftY = r.between(-0.014, 0.014) * H;
  const labelX = r.between(0.058, 0.072) * W + shiftX;
  const valueX = labelX + r.between(0.105, 0.118) * W;
  const nameY = r.between(0.165, 0.19) * H + shiftY;
  const pitch = r.between(0.108, 0.122) * H;
  const addressPitch = r.between(0.072, 0.082) * H;
  const numberY = r.between(0.86, 0.895) * H + shiftY;
  const numberX = r.between(0.325, 0.35) * W + shiftX;
  const valueSize = r.between(0.033, 0.038) * W;
  const addressSize = valueSize * r.between(0.86, 0.95);
  const labelSize = r.between(0.024, 0.028) * W;
  const numberSize = r.between(0.04, 0.046) * W;
  const numberSpacing = r.between(0, 0.005) * W;
  const ethLabelX = r.between(0.33, 0.36) * W + shiftX;
  const ethValueX = ethLabelX + r.between(0.1, 0.115) * W;
  const valueFont = r.pick(VALUE_FONTS);
  const digitFont = r.pick(DIGIT_FONTS);
  const weight = r.pick([400, 400, 500, 700]);
  const ink = r.pick(['#151515', '#222', '#2b2724', '#0d0f14', '#333']);
  const spread = r.next() < 0.25 ? r.between(0.2, 0.7) : 0;
  const labelColour = r.pick(['#3b6ea8', '#4a79ad', '#2f5f99', '#5a86b5']);
  const hue = r.int(180, 220);
  scene.valueFont = valueFont;
  scene.digitFont = digitFont;
  scene.weight = weight;
  const [year, month, day] = person.birthDate.split('-').map(Number);
  const stroke = spread ? `-webkit-text-stroke:${f(spread, 2)}px ${ink};` : '';
  const value = `font-family:${valueFont};font-weight:${weight};color:${ink};${stroke}`;
  const label = `font-family:'Noto Sans CJK SC';color:${labelColour};font-size:${f(labelSize)}px;`;
  const at = (x: number, baseline: number, size: number) =>
    `position:absolute;left:${f(x)}px;top:${f(baseline - size * 0.88)}px;line-height:1;white-space:nowrap;`;
  const labelled = (text: string, x: number, baseline: number) =>
    `<div style="${at(x, baseline, labelSize)}${label}letter-spacing:${f(labelSize * r.between(0.6, 1.1))}px">${text}</div>`;
  const birthGap = valueSize * r.between(0.25, 0.5);
  const photoX = r.between(0.615, 0.65) * W;
  const photoY = r.between(0.1, 0.14) * H;
  const photoW = r.between(0.27, 0.3) * W;
  // Characters per address line as the card's printer lays them: the room left of the portrait decides.
  const addressWidth = photoX - valueX - r.between(6, 30);
  const waves = Array.from({ length: r.int(6, 16) }, () => {
    const y = r.between(0, H);
    const a = r.between(5, 25);
    const p = r.between(60, 240);
    let d = `M0 ${f(y)}`;
    for (let x = 8; x <= W; x += 8) d += ` L${x} ${f(y + a * Math.sin((x / p) * 2 * Math.PI))}`;
    return `<path d="${d}" stroke="hsl(${hue},45%,80%)" stroke-width="${f(r.between(0.6, 1.6))}" fill="none" opacity="${f(r.between(0.3, 0.8), 2)}"/>`;
  }).join('');
  return `
<div id="card" style="position:absolute;left:0;top:0;width:${W}px;height:${H}px;border-radius:${f(r.between(26, 38))}px;overflow:hidden;
  background:linear-gradient(${r.int(0, 360)}deg,hsl(${hue},30%,${f(r.between(92, 96))}%),hsl(${r.int(20, 60)},35%,${f(r.between(91, 96))}%));">
  <svg width="${W}" height="${H}" style="position:absolute;left:0;top:0">${waves}
    <circle cx="${f(W * r.between(0.3, 0.5))}" cy="${f(H * r.between(0.4, 0.6))}" r="${f(r.between(80, 160))}" fill="none" stroke="hsl(${hue},40%,84%)" stroke-width="1" opacity="0.6"/></svg>
  <div style="position:absolute;left:${f(photoX)}px;top:${f(photoY)}px;width:${f(photoW)}px;height:${f(photoW * 1.24)}px;
    background:radial-gradient(ellipse at 50% 38%,hsl(${r.int(15, 35)},${r.int(20, 45)}%,${r.int(35, 70)}%) 0 24%,transparent 25%),
      radial-gradient(ellipse at 50% 105%,hsl(${r.int(0, 360)},15%,${r.int(20, 50)}%) 0 45%,transparent 46%),hsl(${r.int(190, 230)},20%,${r.int(80, 92)}%);"></div>
  ${labelled('姓名', labelX, nameY)}
  <div style="${at(valueX, nameY, valueSize)}${value}font-size:${f(valueSize)}px">${esc(person.name)}</div>
  ${labelled('性别', labelX, nameY + pitch)}
  <div style="${at(valueX, nameY + pitch, valueSize)}${value}font-size:${f(valueSize)}px">${person.gender === '1' ? '男' : '女'}</div>
  ${labelled('民族', ethLabelX, nameY + pitch)}
  <div style="${at(ethValueX, nameY + pitch, valueSize)}${value}font-size:${f(valueSize)}px">${esc(ethnicityName(person.ethnicity))}</div>
  ${labelled('出生', labelX, nameY + 2 * pitch)}
  <div style="${at(valueX, nameY + 2 * pitch, valueSize)}${value}font-size:${f(valueSize)}px;font-family:${digitFont}">${year}<span style="${label}margin:0 ${f(birthGap)}px">年</span>${month}<span style="${label}margin:0 ${f(birthGap)}px">月</span>${day}<span style="${label}margin-left:${f(birthGap)}px">日</span></div>
  ${labelled('住址', labelX, nameY + 3 * pitch)}
  <div style="position:absolute;left:${f(valueX)}px;top:${f(nameY + 3 * pitch - addressSize * 0.88)}px;width:${f(addressWidth)}px;
    ${value}font-size:${f(addressSize)}px;line-height:${f(addressPitch)}px;word-break:break-all;">${esc(person.address)}</div>
  <div style="${at(labelX, numberY, labelSize)}${label}">公民身份号码</div>
  <div style="${at(numberX, numberY, numberSize)}font-family:${digitFont};font-weight:${weight};color:${ink};${stroke}font-size:${f(numberSize)}px;letter-spacing:${f(numberSpacing)}px">${person.idNumber}</div>
</div>`;
}

function desk(r: Random, scene: PhotoV3['scene']): string {
  const kind = r.pick(['wood', 'wood', 'dark', 'cloth', 'paper', 'grey', 'check']);
  scene.desk = kind;
  const h = r.int(0, 360);
  switch (kind) {
    case 'wood':
      return `repeating-linear-gradient(${r.int(0, 180)}deg,hsl(${r.int(20, 35)},45%,${r.int(25, 40)}%) 0 ${r.int(6, 14)}px,hsl(${r.int(20, 35)},40%,${r.int(30, 48)}%) ${r.int(16, 30)}px ${r.int(32, 50)}px)`;
    case 'dark':
      return `radial-gradient(circle at ${r.int(0, 100)}% ${r.int(0, 100)}%,hsl(${h},15%,${r.int(18, 30)}%),hsl(${h},10%,${r.int(5, 14)}%))`;
    case 'cloth':
      return `repeating-linear-gradient(45deg,hsl(${h},35%,${r.int(30, 50)}%) 0 3px,hsl(${h},30%,${r.int(25, 45)}%) 3px 6px)`;
    case 'paper':
      // A white sheet under the card: little contrast at the card's edge, a drop shadow to find it by.
      return `linear-gradient(${r.int(0, 180)}deg,hsl(40,10%,${r.int(84, 92)}%),hsl(40,8%,${r.int(76, 88)}%))`;
    case 'grey':
      return `linear-gradient(${r.int(0, 180)}deg,hsl(${h},5%,${r.int(45, 62)}%),hsl(${h},5%,${r.int(38, 55)}%))`;
    default:
      return `repeating-conic-gradient(hsl(${h},30%,${r.int(30, 45)}%) 0 25%,hsl(${h},20%,${r.int(55, 70)}%) 0 50%) 0 0/${r.int(30, 70)}px ${r.int(30, 70)}px`;
  }
}

function sceneHtml(
  person: CardPerson,
  r: Random,
  scene: PhotoV3['scene'],
): { html: string; width: number; height: number; quality: number } {
  const portrait = r.next() < 0.25;
  const long = r.pick([1280, 1440, 1600, 2000, 2400]);
  const width = portrait ? Math.round((long * 3) / 4) : long;
  const height = portrait ? long : Math.round((long * 3) / 4);
  const share = portrait ? r.between(0.7, 0.92) : r.between(0.5, 0.85);
  const scale = (width * share) / W;
  const rotZ = r.between(-18, 18);
  const rotX = r.between(-16, 16);
  const rotY = r.between(-16, 16);
  const persp = r.between(900, 2600);
  const blur = r.next() < 0.25 ? 0 : r.between(0.3, 2.4) * (width / 1600);
  const motion = r.next() < 0.15 ? r.between(1, 3.5) : 0;
  const noise = r.between(0, 0.22);
  const quality = r.int(35, 92);
  const glare = r.next() < 0.35 ? r.between(0.25, 0.8) : 0;
  const cast = r.pick(['none', 'warm', 'cool', 'none']);
  const dim = r.between(0.35, 0.9);
  Object.assign(scene, {
    width,
    height,
    share: +share.toFixed(2),
    rotZ: +rotZ.toFixed(1),
    rotX: +rotX.toFixed(1),
    rotY: +rotY.toFixed(1),
    blur: +blur.toFixed(2),
    motion: +motion.toFixed(1),
    noise: +noise.toFixed(2),
    quality,
    glare: +glare.toFixed(2),
    cast,
    dim: +dim.toFixed(2),
  });
  const castFilter =
    cast === 'warm' ? 'sepia(0.25) saturate(1.2)' : cast === 'cool' ? 'hue-rotate(15deg) saturate(0.9)' : '';
  const filters = [
    blur ? `blur(${f(blur, 2)}px)` : '',
    motion ? 'url(#motion)' : '',
    castFilter,
    `brightness(${f(r.between(0.85, 1.12), 2)}) contrast(${f(r.between(0.8, 1.1), 2)})`,
  ].join(' ');
  const cx = width / 2 + r.between(-0.06, 0.06) * width;
  const cy = height / 2 + r.between(-0.06, 0.06) * height;
  const html = `<!doctype html><html><head><meta charset="utf-8"><style>html,body{margin:0;overflow:hidden}</style></head>
<body style="width:${width}px;height:${height}px;position:relative;background:${desk(r, scene)}">
<svg width="0" height="0" style="position:absolute"><filter id="motion"><feGaussianBlur stdDeviation="${f(motion, 2)} ${f(motion * 0.15, 2)}"/></filter>
<filter id="grain"><feTurbulence type="fractalNoise" baseFrequency="${f(r.between(0.6, 1.2), 2)}" numOctaves="2" seed="${r.int(1, 999)}"/><feColorMatrix type="saturate" values="0"/></filter></svg>
<div id="scene" style="position:absolute;inset:0;filter:${filters}">
  <div id="holder" style="position:absolute;left:${f(cx - W / 2)}px;top:${f(cy - H / 2)}px;width:${W}px;height:${H}px;
    transform:perspective(${f(persp / scale)}px) scale(${f(scale, 4)}) rotateZ(${f(rotZ, 2)}deg) rotateX(${f(rotX, 2)}deg) rotateY(${f(rotY, 2)}deg);
    filter:drop-shadow(${f(r.between(-8, 8))}px ${f(r.between(2, 12))}px ${f(r.between(4, 16))}px rgba(0,0,0,${f(r.between(0.25, 0.6), 2)}))">
    ${cardHtml(person, r, scene)}
  </div>
  <div style="position:absolute;inset:0;background:linear-gradient(${r.int(0, 360)}deg,rgba(0,0,0,0),rgba(0,0,0,${f(1 - dim, 2)}));"></div>
  ${glare ? `<div style="position:absolute;left:${f(r.between(0.2, 0.7) * width)}px;top:${f(r.between(0.2, 0.7) * height)}px;width:${f(r.between(0.12, 0.35) * width)}px;height:${f(r.between(0.06, 0.2) * width)}px;border-radius:50%;background:radial-gradient(rgba(255,255,255,${f(glare, 2)}),rgba(255,255,255,0) 70%);transform:rotate(${r.int(0, 180)}deg);mix-blend-mode:screen"></div>` : ''}
  <div style="position:absolute;inset:0;filter:url(#grain);opacity:${f(noise, 2)};mix-blend-mode:overlay"></div>
</div></body></html>`;
  return { html, width, height, quality };
}

/** One Chromium for a run of photos; `close()` when done. */
export async function openV3Renderer(): Promise<{
  render(seed: number): Promise<PhotoV3>;
  close(): Promise<void>;
}> {
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  return {
    async render(seed) {
      const r = createRandom(seed * 7919 + 3);
      const person = randomPersonV3(r);
      const scene: PhotoV3['scene'] = {};
      const { html, width, height, quality } = sceneHtml(person, r, scene);
      await page.setViewportSize({ width, height });
      await page.setContent(html, { waitUntil: 'load' });
      await page.evaluate('document.fonts.ready');
      // The whole card in the frame, as the scanning page asks: shrink the card until it fits.
      await page.evaluate(`(() => {
        const holder = document.getElementById('holder');
        const card = document.getElementById('card');
        for (let i = 0; i < 20; i++) {
          const r = card.getBoundingClientRect();
          if (r.left >= innerWidth * 0.02 && r.top >= innerHeight * 0.02 &&
              r.right <= innerWidth * 0.98 && r.bottom <= innerHeight * 0.98) return;
          holder.style.transform = holder.style.transform.replace(/scale\\(([\\d.]+)\\)/,
            (_, k) => 'scale(' + (Number(k) * 0.94).toFixed(4) + ')');
        }
      })()`);
      const jpeg = await page.screenshot({ type: 'jpeg', quality, fullPage: false });
      // Where the 3-D transform puts the card box's corners (its origin is the box's centre), for
      // measuring how far a found outline is off.
      const corners = (await page.evaluate(`(() => {
        const holder = document.getElementById('holder');
        const m = new DOMMatrix(getComputedStyle(holder).transform);
        const left = holder.offsetLeft, top = holder.offsetTop;
        return [[0, 0], [${W}, 0], [${W}, ${H}], [0, ${H}]].map(([x, y]) => {
          const p = m.transformPoint(new DOMPoint(x - ${W / 2}, y - ${H / 2}, 0, 1));
          return { x: left + ${W / 2} + p.x / p.w, y: top + ${H / 2} + p.y / p.w };
        });
      })()`)) as PhotoV3['corners'];
      return { jpeg, person, scene, corners };
    },
    close: () => browser.close(),
  };
}
