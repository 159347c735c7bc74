export default definePageConfig({ navigationBarTitleText: '员工招聘一件事', enablePullDownRefresh: true });
