// The stand-in's login page: plain HTML in Chinese, keyboard-friendly, no scripts.
import { STAFF_ACCOUNTS } from './accounts';

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

export function loginPage(options: { action: string; abort: string; error?: string; username?: string }) {
  const demo = STAFF_ACCOUNTS.map(
    (a) => `<li><code>${escapeHtml(a.username)}</code> ${escapeHtml(a.name)}（${escapeHtml(a.title)}）</li>`,
  ).join('');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>工作人员统一身份认证</title>
<style>
  body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; background: #f2f4f7; margin: 0; }
  main { max-width: 420px; margin: 8vh auto; background: #fff; padding: 32px 36px; border-radius: 8px;
         box-shadow: 0 2px 12px rgba(0,0,0,.08); }
  h1 { font-size: 20px; margin: 0 0 4px; }
  p.sub { color: #666; margin: 0 0 24px; font-size: 14px; }
  label { display: block; margin: 16px 0 6px; font-size: 14px; }
  input { width: 100%; box-sizing: border-box; padding: 10px; font-size: 16px; border: 1px solid #c8ccd2; border-radius: 4px; }
  button { margin-top: 24px; width: 100%; padding: 12px; font-size: 16px; background: #1f5fbf; color: #fff;
           border: 0; border-radius: 4px; cursor: pointer; }
  .error { color: #b3261e; background: #fdecea; padding: 8px 12px; border-radius: 4px; margin-bottom: 8px; }
  details { margin-top: 24px; font-size: 13px; color: #555; }
  a { color: #1f5fbf; }
</style>
</head>
<body>
<main>
  <h1>上饶市政务服务工作人员统一身份认证</h1>
  <p class="sub">“员工招聘一件事”工作台登录（开发用替身）</p>
  ${options.error ? `<p class="error" role="alert">${escapeHtml(options.error)}</p>` : ''}
  <form method="post" action="${escapeHtml(options.action)}" autocomplete="off">
    <label for="username">账号</label>
    <input id="username" name="username" required maxlength="64" autofocus value="${escapeHtml(options.username ?? '')}">
    <label for="password">密码</label>
    <input id="password" name="password" type="password" required maxlength="128">
    <button type="submit">登录</button>
  </form>
  <p><a href="${escapeHtml(options.abort)}">取消登录</a></p>
  <details><summary>演示账号（密码均为 Shangrao@2026）</summary><ul>${demo}</ul></details>
</main>
</body>
</html>`;
}

export function errorPage(message: string) {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>登录出错</title></head>
<body style="font-family: sans-serif; max-width: 480px; margin: 10vh auto"><h1 style="font-size: 20px">登录出错</h1>
<p>${escapeHtml(message)}</p><p>请回到工作台重新登录。</p></body></html>`;
}
