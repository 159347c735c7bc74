// The adapter against a stand-in for @tarojs/taro: which platform API each target uses.
const taro = {
  login: jest.fn(),
  chooseMedia: jest.fn(),
  chooseImage: jest.fn(),
  requestSubscribeMessage: jest.fn(),
  request: jest.fn(),
  uploadFile: jest.fn(),
  chooseMessageFile: jest.fn(),
  downloadFile: jest.fn(),
  openDocument: jest.fn(),
  setClipboardData: jest.fn(),
  showToast: jest.fn(),
  getFileSystemManager: jest.fn(),
  env: { USER_DATA_PATH: 'wxfile://usr' },
  getStorageSync: jest.fn(),
  setStorageSync: jest.fn(),
  removeStorageSync: jest.fn(),
  getNetworkType: jest.fn(),
  onNetworkStatusChange: jest.fn(),
  offNetworkStatusChange: jest.fn(),
  previewImage: jest.fn(),
};
// A getter, because jest.mock is hoisted above the declaration of `taro`.
jest.mock('@tarojs/taro', () => ({
  __esModule: true,
  get default() {
    return taro;
  },
}));

import { createTaroPlatform } from './taroPlatform';
import { NetworkError } from './types';

const ORIGINAL_ENV = process.env.TARO_ENV;
function on(env: 'weapp' | 'alipay' | 'h5') {
  process.env.TARO_ENV = env;
  return createTaroPlatform();
}

/** The file went to the platform's document viewer, with its menu to forward or save it. */
const expectInDocumentViewer = (filePath: string, fileType: string) =>
  expect(taro.openDocument).toHaveBeenCalledWith({ filePath, fileType, showMenu: true });

afterEach(() => {
  jest.clearAllMocks();
  process.env.TARO_ENV = ORIGINAL_ENV;
});

describe('camera', () => {
  it('WeChat takes the photo with chooseMedia', async () => {
    taro.chooseMedia.mockResolvedValue({ tempFiles: [{ tempFilePath: 'wxfile://a.jpg', size: 1000 }] });
    await expect(on('weapp').pickImage()).resolves.toEqual({
      path: 'wxfile://a.jpg',
      size: 1000,
      type: undefined,
    });
    expect(taro.chooseImage).not.toHaveBeenCalled();
  });

  it('Alipay takes the photo with chooseImage', async () => {
    taro.chooseImage.mockResolvedValue({ tempFilePaths: ['https://resource/a.jpg'] });
    await expect(on('alipay').pickImage()).resolves.toEqual({ path: 'https://resource/a.jpg' });
    expect(taro.chooseMedia).not.toHaveBeenCalled();
  });

  it('a cancelled camera gives null rather than an error', async () => {
    taro.chooseMedia.mockRejectedValue({ errMsg: 'chooseMedia:fail cancel' });
    await expect(on('h5').pickImage()).resolves.toBeNull();
  });

  it('uploads with a file name that keeps the image type', async () => {
    taro.uploadFile.mockResolvedValue({ statusCode: 200, data: '{"name":"李四"}' });
    const res = await on('h5').uploadImage(
      '/api/v1/ocr/id-card',
      { path: 'blob:x', type: 'image/png' },
      'image',
      {},
    );
    expect(res).toEqual({ status: 200, body: { name: '李四' } });
    expect(taro.uploadFile.mock.calls[0][0]).toMatchObject({ name: 'image', fileName: 'id-card.png' });
  });
});

describe('picking and uploading a sheet', () => {
  it('WeChat picks the file from a chat with chooseMessageFile, filtered to sheets', async () => {
    taro.chooseMessageFile.mockResolvedValue({
      tempFiles: [{ path: 'wxfile://tmp/a.xlsx', name: '新员工.xlsx', size: 2048, type: 'file' }],
    });
    await expect(on('weapp').pickFile(['xlsx', 'csv'])).resolves.toEqual({
      path: 'wxfile://tmp/a.xlsx',
      name: '新员工.xlsx',
      size: 2048,
    });
    expect(taro.chooseMessageFile).toHaveBeenCalledWith({
      count: 1,
      type: 'file',
      extension: ['xlsx', 'csv'],
    });
  });

  it('a cancelled chat picker gives null', async () => {
    taro.chooseMessageFile.mockRejectedValue({ errMsg: 'chooseMessageFile:fail cancel' });
    await expect(on('weapp').pickFile(['xlsx'])).resolves.toBeNull();
  });

  it('Alipay uses its chat picker where the base library has one, otherwise the device’s files', async () => {
    const g = globalThis as unknown as { my?: unknown };
    g.my = {
      chooseMessageFile: ({ success }: { success: (res: unknown) => void }) =>
        success({ tempFiles: [{ path: 'https://resource/a.csv', name: 'a.csv', size: 10 }] }),
    };
    await expect(on('alipay').pickFile(['xlsx', 'csv'])).resolves.toEqual({
      path: 'https://resource/a.csv',
      name: 'a.csv',
      size: 10,
    });
    g.my = {
      chooseFileFromDisk: ({ success }: { success: (res: unknown) => void }) =>
        success({ apFilePath: 'https://resource/b.xlsx' }),
    };
    await expect(on('alipay').pickFile(['xlsx'])).resolves.toMatchObject({
      path: 'https://resource/b.xlsx',
      name: 'b.xlsx',
    });
    delete g.my;
    expect(taro.chooseMessageFile).not.toHaveBeenCalled();
  });

  it('uploads the file with its name and the text fields beside it', async () => {
    taro.uploadFile.mockResolvedValue({ statusCode: 200, data: '{"imported":3}' });
    const res = await on('weapp').uploadFile(
      '/api/v1/drafts/d/import',
      { path: 'wxfile://tmp/a.xlsx', name: '新员工.xlsx' },
      'file',
      { version: '4' },
      { Authorization: 'Bearer t' },
    );
    expect(res).toEqual({ status: 200, body: { imported: 3 } });
    expect(taro.uploadFile.mock.calls[0][0]).toMatchObject({
      name: 'file',
      filePath: 'wxfile://tmp/a.xlsx',
      formData: { version: '4' },
    });
    // WeChat has no fileName parameter (it names the part after the path); Alipay and H5 do.
    expect(taro.uploadFile.mock.calls[0][0]).not.toHaveProperty('fileName');
    taro.uploadFile.mockResolvedValue({ statusCode: 200, data: '{}' });
    await on('alipay').uploadFile('/u', { path: 'https://resource/a.xlsx', name: 'a.xlsx' }, 'file', {}, {});
    expect(taro.uploadFile.mock.calls[1][0]).toMatchObject({ fileName: 'a.xlsx', fileType: 'image' });
  });

  it('mini-programs open a returned file in the document viewer, with its menu to forward or save it', async () => {
    const writeFile = jest.fn(({ success }: { success: () => void }) => success());
    taro.getFileSystemManager.mockReturnValue({ writeFile });
    taro.openDocument.mockResolvedValue({});
    await on('weapp').saveFile('失败.xlsx', { base64: 'UEsDBA==', contentType: 'x' });
    expect(writeFile.mock.calls[0][0]).toMatchObject({
      filePath: 'wxfile://usr/失败.xlsx',
      data: 'UEsDBA==',
      encoding: 'base64',
    });
    expectInDocumentViewer('wxfile://usr/失败.xlsx', 'xlsx');
  });

  it('where no viewer opens a sheet, the template’s link is copied for a computer', async () => {
    taro.downloadFile.mockResolvedValue({ statusCode: 200, tempFilePath: 'tmp/t.xlsx' });
    taro.openDocument.mockRejectedValue({ errMsg: 'openDocument:fail' });
    await on('alipay').saveFile('模板.xlsx', { url: 'https://bff/api/v1/imports/template.xlsx' });
    expect(taro.setClipboardData).toHaveBeenCalledWith({ data: 'https://bff/api/v1/imports/template.xlsx' });
  });
});

describe('login and subscriptions', () => {
  it('H5 has no platform login code (the bff dev login is used instead)', async () => {
    await expect(on('h5').loginCode()).resolves.toBeNull();
    expect(taro.login).not.toHaveBeenCalled();
  });

  it('Alipay auth codes are accepted as login codes', async () => {
    taro.login.mockResolvedValue({ authCode: 'ali-code' });
    await expect(on('alipay').loginCode()).resolves.toBe('ali-code');
  });

  it('WeChat reports only the templates the user accepted', async () => {
    taro.requestSubscribeMessage.mockResolvedValue({ errMsg: 'ok', t1: 'accept', t2: 'reject' });
    await expect(on('weapp').requestSubscribe(['t1', 't2'])).resolves.toEqual(['t1']);
  });

  it('asks nothing when no templates are configured', async () => {
    await expect(on('weapp').requestSubscribe([])).resolves.toEqual([]);
    expect(taro.requestSubscribeMessage).not.toHaveBeenCalled();
  });
});

describe('network', () => {
  it('mini-programs send PATCH as POST with a method override, H5 sends PATCH', async () => {
    taro.request.mockResolvedValue({ statusCode: 200, data: {} });
    await on('weapp').request({ url: '/x', method: 'PATCH', headers: {} });
    expect(taro.request.mock.calls[0][0]).toMatchObject({
      method: 'POST',
      header: { 'X-HTTP-Method-Override': 'PATCH' },
    });
    await on('h5').request({ url: '/x', method: 'PATCH', headers: {} });
    expect(taro.request.mock.calls[1][0]).toMatchObject({ method: 'PATCH' });
  });

  it('a request that never reached the server is a NetworkError', async () => {
    taro.request.mockRejectedValue({ errMsg: 'request:fail timeout' });
    await expect(on('weapp').request({ url: '/x', method: 'GET', headers: {} })).rejects.toBeInstanceOf(
      NetworkError,
    );
  });

  it('error responses are returned with their status, not thrown', async () => {
    taro.request.mockResolvedValue({ statusCode: 409, data: '{"error":{"code":"VERSION_CONFLICT"}}' });
    await expect(on('weapp').request({ url: '/x', method: 'PUT', headers: {} })).resolves.toEqual({
      status: 409,
      body: { error: { code: 'VERSION_CONFLICT' } },
    });
  });
});

describe('storage', () => {
  it('a missing key reads as undefined', () => {
    taro.getStorageSync.mockReturnValue('');
    expect(on('weapp').storage.get('nothing')).toBeUndefined();
  });
});

describe('documents', () => {
  const req = {
    url: 'https://bff/api/v1/applications/1/form.pdf',
    headers: { Authorization: 'Bearer t' },
    fileName: '联办申请表.pdf',
    kind: 'pdf' as const,
  };

  it('WeChat downloads with the token and opens the PDF in the document viewer', async () => {
    taro.downloadFile.mockResolvedValue({ statusCode: 200, tempFilePath: 'wxfile://tmp/a.pdf' });
    taro.openDocument.mockResolvedValue({});
    await expect(on('weapp').openDownload(req)).resolves.toEqual({ status: 200 });
    expect(taro.downloadFile).toHaveBeenCalledWith({ url: req.url, header: req.headers });
    expectInDocumentViewer('wxfile://tmp/a.pdf', 'pdf');
  });

  it('Alipay opens its apFilePath; an image goes to the previewer', async () => {
    taro.downloadFile.mockResolvedValue({ statusCode: 200, apFilePath: 'https://resource/a.png' });
    await on('alipay').openDownload({ ...req, kind: 'png' });
    expect(taro.previewImage).toHaveBeenCalledWith({
      urls: ['https://resource/a.png'],
      current: 'https://resource/a.png',
    });
    expect(taro.openDocument).not.toHaveBeenCalled();
  });

  it('does not open a refused download and reports its status', async () => {
    taro.downloadFile.mockResolvedValue({ statusCode: 404, tempFilePath: 'wxfile://tmp/error.json' });
    await expect(on('weapp').openDownload(req)).resolves.toEqual({ status: 404 });
    expect(taro.openDocument).not.toHaveBeenCalled();
  });

  it('turns a failed download into a NetworkError', async () => {
    taro.downloadFile.mockRejectedValue(new Error('downloadFile:fail'));
    await expect(on('weapp').openDownload(req)).rejects.toBeInstanceOf(NetworkError);
  });
});
