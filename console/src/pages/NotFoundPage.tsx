import { Link } from 'react-router';

export function NotFoundPage({
  forbidden = false,
  nothingYet = false,
}: {
  forbidden?: boolean;
  nothingYet?: boolean;
}) {
  if (nothingYet)
    return (
      <section>
        <h1>工作人员控制台</h1>
        <p data-testid="nothing-yet">您的角色在控制台中暂无可用的功能。</p>
      </section>
    );
  return (
    <section>
      <h1>{forbidden ? '无权访问' : '页面不存在'}</h1>
      <p data-testid="not-found">
        {forbidden ? '该页面不属于您的角色，请使用左侧导航中的功能。' : '没有这个页面，地址可能有误。'}
      </p>
      <Link to="/">返回首页</Link>
    </section>
  );
}
