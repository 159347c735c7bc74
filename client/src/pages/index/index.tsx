import { View, Text } from '@tarojs/components';

export default function Index() {
  return (
    <View>
      <Text>首页</Text>
    </View>
  );
}
