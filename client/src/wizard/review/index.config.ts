export default definePageConfig({ navigationBarTitleText: '核对提交' });
