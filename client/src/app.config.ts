export default defineAppConfig({
  pages: ['pages/index/index'],
  window: { navigationBarTitleText: '员工招聘一件事' },
});
