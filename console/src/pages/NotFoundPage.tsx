import { Link } from 'react-router';

export function NotFoundPage({ forbidden = false }: { forbidden?: boolean }) {
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
