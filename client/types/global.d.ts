/// <reference types="@tarojs/taro" />

declare module '*.css';

/** Injected by config/index.ts from TARO_APP_API_BASE. */
declare const API_BASE: string;
/** Subscribe-message template ids (TARO_APP_SUBSCRIBE_TEMPLATES, comma separated). */
declare const SUBSCRIBE_TEMPLATE_IDS: string[];

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'alipay' | 'h5' | undefined;
    TARO_APP_API_BASE?: string;
  }
}

/** Alipay's global API object; only touched in the alipay branch of the platform adapter. */
declare const my: {
  env?: { USER_DATA_PATH?: string };
  /** Newer base libraries: a file from a chat, like WeChat's. */
  chooseMessageFile?: (options: {
    count: number;
    extension?: string[];
    success?: (res: { tempFiles?: { path: string; name?: string; size?: number }[] }) => void;
    fail?: (err: unknown) => void;
  }) => void;
  /** A file from the device's storage. */
  chooseFileFromDisk?: (options: {
    success?: (res: { apFilePath?: string; tempFilePath?: string; name?: string; size?: number }) => void;
    fail?: (err: unknown) => void;
  }) => void;
  requestSubscribeMessage?: (options: {
    entityIds: string[];
    success?: (res: Record<string, unknown>) => void;
    fail?: (err: unknown) => void;
  }) => void;
};
