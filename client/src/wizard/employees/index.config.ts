export default definePageConfig({ navigationBarTitleText: '新员工' });
