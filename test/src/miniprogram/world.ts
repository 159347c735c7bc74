// One set-up for the mini-program host tests: the bundles built when stale, the stand-ins, the built bff as
// a child process on its own database, and hosts that load a bundle against them. Each test file starts
// one world in beforeAll and stops it in afterAll (hostWorldForSuite).
import { bffEnvFor, pointCallbacksAt, startMocks, type MockOptions, type RunningMocks } from '@hiring/mock';
import { testDatabaseUri } from '../../../tools/jest/testDatabase';
import { freePort, startBff, type BffProcess } from '../bffProcess';
import { COMPILED_API_BASE, ensureMiniBuilds, miniDist, privacyGuide, type MiniPlatform } from './bundles';
import { MiniProgramHost } from './host';

export interface HostWorldOptions {
  /** Names the database. */
  name: string;
  mocks?: Omit<MockOptions, 'callbackSecret'>;
}

export interface HostWorld {
  mocks: RunningMocks;
  bff: BffProcess;
  /** The bff's API base, as the bundles reach it. */
  apiBase: string;
  /** A host with the platform's bundle, not launched yet. */
  newHost(platform: MiniPlatform): MiniProgramHost;
  stop(): Promise<void>;
}

export async function startHostWorld(options: HostWorldOptions): Promise<HostWorld> {
  ensureMiniBuilds();
  const secret = `${options.name}-callback-secret-0123456789`;
  const mocks = await startMocks({ ...options.mocks, callbackSecret: secret });
  let bff: BffProcess;
  try {
    bff = await startBff(await freePort(), {
      MONGODB_URI: testDatabaseUri(options.name),
      ...bffEnvFor(mocks, secret),
      DISPATCH_POLL_MS: '100',
    });
  } catch (error) {
    await mocks.stop();
    throw error;
  }
  pointCallbacksAt(mocks, bff.url);
  const apiBase = `${bff.url}/api/v1`;
  return {
    mocks,
    bff,
    apiBase,
    newHost: (platform) =>
      new MiniProgramHost({
        platform,
        dir: miniDist(platform),
        apiBase: { compiled: COMPILED_API_BASE, actual: apiBase },
        standInUrl: platform === 'weapp' ? mocks.urls.wechat : mocks.urls.alipay,
        privacyGuide: privacyGuide(),
      }),
    stop: async () => {
      await bff.kill();
      await mocks.stop();
    },
  };
}

/** The file's world: started before its first test, stopped after its last; `started` receives it. */
export function hostWorldForSuite(options: HostWorldOptions, started: (world: HostWorld) => void): void {
  let world: HostWorld | undefined;
  beforeAll(async () => {
    world = await startHostWorld(options);
    started(world);
  });
  afterAll(async () => {
    await world?.stop();
  });
}
