// Page paths in one place; the wizard and the application detail are subpackages (see app.config.ts).
import { statusLookupLink } from '@hiring/shared';
import Taro from '@tarojs/taro';
import type { WizardStep } from './wizardSteps';

export { adjacentStep, stepBarTarget, WIZARD_STEPS, type WizardStep } from './wizardSteps';

function query(params: Record<string, string | number | undefined>): string {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

export function wizardUrl(step: WizardStep, params: Record<string, string | number | undefined>): string {
  return `/wizard/${step}/index${query(params)}`;
}

/**
 * Moves between wizard steps in place (redirect), so the page stack holds one step at a time: the back
 * button leaves the wizard, and H5 never keeps two copies of a step (with the same element ids) in the DOM.
 * Only the single-hire page opens on top of the list.
 */
export function goWizard(step: WizardStep, params: Record<string, string | number | undefined>): void {
  const url = wizardUrl(step, params);
  if (!wizardReachable()) {
    void Taro.showToast({ title: '网络不可用，无法打开这一步，请联网后重试', icon: 'none', duration: 3000 });
    return;
  }
  const inWizard = currentRoute().startsWith('wizard/');
  if (step === 'employee' && currentRoute().startsWith('wizard/employees')) void Taro.navigateTo({ url });
  else if (inWizard) void Taro.redirectTo({ url });
  else void Taro.navigateTo({ url });
}

// H5 loads each page's code when it is first opened: once the wizard is open its other steps are fetched
// ahead (preloadWizard), so moving between steps works offline. Until they have arrived an offline move is
// refused with a message instead of a page that never loads.
let wizardLoaded = process.env.TARO_ENV !== 'h5';

function wizardReachable(): boolean {
  return wizardLoaded || typeof navigator === 'undefined' || navigator.onLine !== false;
}

type RouteLoader = { path: string; load?: () => [Promise<unknown>, ...unknown[]] };

/**
 * Fetches the code of every wizard step (H5) through Taro's own route loaders (the app config Taro H5 keeps
 * on window, Taro 4.2), so the chunks are the ones the router opens. The mini-programs download the wizard
 * as one subpackage.
 */
export function preloadWizard(): void {
  if (wizardLoaded || typeof window === 'undefined') return;
  const routes = (window as unknown as { __taroAppConfig?: { routes?: RouteLoader[] } }).__taroAppConfig
    ?.routes;
  const steps = (routes ?? []).filter((r) => r.path.startsWith('wizard/') && r.load);
  if (!steps.length) return;
  void Promise.all(steps.map((r) => r.load!()[0]))
    .then(() => {
      wizardLoaded = true;
    })
    .catch(() => undefined);
}

function routeOf(page: unknown): string {
  const p = page as { route?: string; path?: string } | undefined;
  return (p?.route ?? p?.path ?? '').replace(/^\//, '').split('?')[0];
}

function currentRoute(): string {
  const pages = Taro.getCurrentPages();
  return routeOf(pages[pages.length - 1]);
}

/** From a hire back to the list: pop if the list is underneath, otherwise open it. */
export function backToEmployees(id: string | undefined): void {
  const pages = Taro.getCurrentPages();
  if (routeOf(pages[pages.length - 2]).startsWith('wizard/employees')) void Taro.navigateBack();
  else void Taro.redirectTo({ url: wizardUrl('employees', { id }) });
}

export function goReceipt(applicationId: string): void {
  void Taro.redirectTo({ url: `/wizard/receipt/index${query({ id: applicationId })}` });
}

export function goApplication(applicationId: string): void {
  void Taro.navigateTo({ url: `/application/detail/index${query({ id: applicationId })}` });
}

/** The public status lookup, with the 办件编码 filled in when known (the QR codes open the same page). */
export function goLookup(code?: string): void {
  void Taro.navigateTo({ url: code ? `/${statusLookupLink(code)}` : '/pages/lookup/index' });
}

export function goMessages(): void {
  void Taro.navigateTo({ url: '/pages/messages/index' });
}

export function goHome(): void {
  void Taro.reLaunch({ url: '/pages/index/index' });
}

/** Brings a field into view after navigating to it from the review list. */
export function scrollToField(fieldId: string): void {
  setTimeout(() => {
    if (process.env.TARO_ENV === 'h5') {
      const el = document.getElementById(`field-${fieldId}`) ?? document.getElementById(fieldId);
      el?.scrollIntoView({ block: 'center' });
      (document.getElementById(fieldId) as HTMLInputElement | null)?.focus?.();
      return;
    }
    void Taro.pageScrollTo({ selector: `#field-${fieldId}`, duration: 200 });
  }, 300);
}

/** 我的身份、我的单位、授权经办人、待接受的授权 (the account subpackage). */
export function goAccount(page: 'identity' | 'units' | 'invitations'): void {
  void Taro.navigateTo({ url: `/account/${page}/index` });
}
