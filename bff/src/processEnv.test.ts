import { BFF_PROCESS_ENV, missingProcessEnv, withBffProcessEnv } from './processEnv';

describe('the environment a bff process is started with', () => {
  it('adds two malloc arenas where the operator set none, and keeps what the operator set', () => {
    expect(withBffProcessEnv({ PORT: '3000' })).toEqual({ PORT: '3000', MALLOC_ARENA_MAX: '2' });
    expect(withBffProcessEnv({ MALLOC_ARENA_MAX: '4' }).MALLOC_ARENA_MAX).toBe('4');
  });

  it('names what a glibc process was started without, and nothing once it is set', () => {
    const glibc = (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } }).header
      ?.glibcVersionRuntime;
    expect(missingProcessEnv({})).toEqual(glibc ? Object.keys(BFF_PROCESS_ENV) : []);
    expect(missingProcessEnv({ ...BFF_PROCESS_ENV })).toEqual([]);
  });
});
