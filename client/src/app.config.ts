// 首页, 消息 and the public 办件查询 (opened by the QR codes, without login) stay in the main package; the
// wizard and the detail page are subpackages so the first download stays small (see `npm run size`).
export default defineAppConfig({
  pages: ['pages/index/index', 'pages/messages/index', 'pages/lookup/index'],
  subPackages: [
    {
      root: 'wizard',
      pages: [
        'unit/index',
        'matters/index',
        'employees/index',
        'employee/index',
        'review/index',
        'receipt/index',
      ],
    },
    { root: 'application', pages: ['detail/index'] },
    // 我的身份、我的单位、授权经办人、待接受的授权.
    {
      root: 'account',
      pages: ['identity/index', 'units/index', 'operators/index', 'invitations/index'],
    },
  ],
  window: {
    navigationBarTitleText: '员工招聘一件事',
    navigationBarBackgroundColor: '#1a5fb4',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f6f8',
  },
  permission: {},
  // WeChat checks privacy-relevant APIs (camera/album, files, clipboard) against the privacy guide kept
  // in client/privacy-guide.json; the headless host in test/ enforces the same.
  ...({ __usePrivacyCheck__: true } as object),
});
