import { createTaroPlatform } from './taroPlatform';
import type { Platform } from './types';

export * from './types';

let instance: Platform | undefined;

export function platform(): Platform {
  instance ??= createTaroPlatform();
  return instance;
}
