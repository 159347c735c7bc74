// Who the presented staff credential belongs to: lets a staff front end show the role and county.
import Router from 'koa-router';
import type { Services } from '../context';
import { requireStaff } from './requireStaff';

export function staffRoutes(services: Services): Router {
  const router = new Router();
  router.get('/staff/me', requireStaff(services), (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { staff: ctx.state.staff };
  });
  return router;
}
