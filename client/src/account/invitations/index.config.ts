export default definePageConfig({ navigationBarTitleText: '待接受的授权' });
