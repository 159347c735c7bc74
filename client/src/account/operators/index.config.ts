export default definePageConfig({ navigationBarTitleText: '授权经办人' });
