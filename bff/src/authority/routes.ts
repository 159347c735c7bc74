// My identity, my units, authorizing operators, invitations and revocation (the account side), and the
// window clerk's check of a paper authorization (the staff side).
import * as yup from 'yup';
import type { Services } from '../context';
import { accountLogin } from '../accounts/requireAccount';
import { staffLogin, type StaffMember } from '../staff/requireStaff';
import { errorResponse } from '../http/errorSchema';
import { defineRoute, type Route } from '../http/route';
import { objectIdOf, objectIdSchema, pageOf, pageQuery } from '../http/validate';
import { maskIdNumber } from '../security/mask';
import type { VerifiedIdentity } from './identityService';
import { AUTHORITY_BASES, AUTHORITY_EVENTS, AUTHORITY_STATES } from './models';
import { claimBody, grantBody, identityBody, paperGrantBody, usccParam } from './schemas';

export function identityView(identity: VerifiedIdentity | null) {
  if (!identity) return { verified: false, name: null, idNumber: null, verifiedAt: null };
  return {
    verified: true,
    // The holder's own name, in full; the ID number masked (it is never needed back).
    name: identity.name,
    idNumber: maskIdNumber(identity.idNumber) ?? '',
    verifiedAt: identity.verifiedAt,
  };
}

const nullableDate = () =>
  yup
    .string()
    .nullable()
    .defined()
    .meta({ jsonSchema: { format: 'date-time' } });
const basis = yup
  .string()
  .oneOf([...AUTHORITY_BASES])
  .required()
  .meta({ description: '法定代表人本人 · 法定代表人在线授权 · 窗口核验纸质授权书' });

const identitySchema = yup
  .object({
    verified: yup.boolean().required(),
    name: yup.string().nullable().defined().meta({ description: '本人姓名' }),
    idNumber: yup.string().nullable().defined().meta({ description: '已脱敏，如 3611**********12' }),
    verifiedAt: nullableDate(),
  })
  .meta({ name: 'Identity' });

const unitAuthoritySchema = yup
  .object({
    authorityId: objectIdSchema,
    uscc: yup.string().required(),
    unitName: yup.string().required(),
    basis,
    basisLabel: yup.string().required(),
    expiresAt: nullableDate(),
    canAuthorize: yup.boolean().required().meta({ description: '法定代表人本人才能授权、撤销经办人' }),
  })
  .meta({ name: 'UnitAuthority' });

const invitationSchema = yup
  .object({
    id: objectIdSchema,
    uscc: yup.string().required(),
    unitName: yup.string().required(),
    expiresAt: nullableDate(),
    inviteUntil: nullableDate().meta({ description: '须在此前接受' }),
  })
  .meta({ name: 'Invitation' });

const operatorSchema = yup
  .object({
    id: objectIdSchema,
    uscc: yup.string().required(),
    unitName: yup.string().required(),
    name: yup.string().defined().meta({ description: '已脱敏，如 李**' }),
    idNumber: yup.string().defined().meta({ description: '已脱敏' }),
    phone: yup.string().nullable().defined().meta({ description: '已脱敏' }),
    basis,
    basisLabel: yup.string().required(),
    state: yup
      .string()
      .oneOf([...AUTHORITY_STATES])
      .required(),
    stateLabel: yup.string().required(),
    expiresAt: nullableDate(),
    createdAt: nullableDate(),
  })
  .meta({ name: 'Operator' });

const eventSchema = yup
  .object({
    at: yup.date().required(),
    kind: yup
      .string()
      .oneOf([...AUTHORITY_EVENTS])
      .required(),
    kindLabel: yup.string().required(),
    byLabel: yup.string().required().meta({ description: '法定代表人 · 经办人本人 · 窗口工作人员 · 系统' }),
    holder: yup
      .object({ name: yup.string().defined(), idNumber: yup.string().defined() })
      .required()
      .meta({ description: '被授权人（已脱敏）' }),
    basis: yup
      .string()
      .oneOf([...AUTHORITY_BASES])
      .nullable()
      .defined(),
    basisLabel: yup.string().nullable().defined(),
    applicationCode: yup.string().nullable().defined(),
  })
  .meta({ name: 'AuthorityEvent' });

const revokedSchema = yup
  .object({
    id: objectIdSchema,
    state: yup.string().oneOf(['revoked']).required(),
    stateLabel: yup.string().required(),
  })
  .meta({ name: 'Revoked' });

const revoked = { description: '已撤销', schema: revokedSchema, name: 'AuthorityRevoked' };

const itemsOf = (item: yup.Schema) => yup.object({ items: yup.array(item).required() });

const needsAuthority = errorResponse(
  '未实名核验（IDENTITY_REQUIRED）、不是法定代表人（NOT_LEGAL_REPRESENTATIVE）或经办人试图授权他人（OPERATOR_CANNOT_AUTHORIZE）',
  'NotLegalRepresentative',
);
const notManaged = errorResponse('您不能管理该单位（NOT_FOUND），与单位不存在时的回答相同', 'UnitNotManaged');
const exists = errorResponse('该人员已有待接受或有效的授权（AUTHORITY_EXISTS）', 'AuthorityExists');
const policeSays = errorResponse(
  '姓名与号码不一致（IDENTITY_MISMATCH）或查无此号（IDENTITY_NOT_FOUND）',
  'IdentityNotConfirmed',
);
/** 市场监管 has no unit with that 统一社会信用代码 (the legal representative's claim, the window's). */
export const unitNotRegistered = errorResponse('市场监管查无该单位（NOT_FOUND）', 'UnitNotRegistered');
const authorityEnded = errorResponse('授权已结束（AUTHORITY_ENDED）', 'AuthorityEnded');

const EXAMPLE_GRANT = {
  name: '李经办',
  idNumber: '361102199003072010',
  phone: '13800138000',
  expiresOn: '2027-06-30',
};

export function authorityRoutes(services: Services): Route[] {
  const { authority } = services;
  const auth = accountLogin(services);
  const clerk = staffLogin(services, 'clerk');
  const tags = ['authority'];

  return [
    defineRoute({
      method: 'get',
      path: '/identity',
      operationId: 'getIdentity',
      summary: '我的身份：本账号的实名核验结果',
      tags,
      auth,
      responses: { 200: { description: '核验结果（未核验时 verified 为 false）', schema: identitySchema } },
      handler: async (ctx) => {
        ctx.body = identityView(await authority.identities.get(ctx.state.accountId));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/identity',
      operationId: 'verifyIdentity',
      summary:
        '实名核验：本人姓名与身份证号码经公安核验一致后保存（每个账号一次，每个身份证号码只属于一个账号）',
      tags,
      auth,
      body: identityBody,
      example: { name: '张三', idNumber: '361102199003072010' },
      responses: {
        200: { description: '核验通过', schema: identitySchema },
        400: 'BadRequest',
        409: errorResponse(
          '本账号已核验为他人（IDENTITY_ALREADY_VERIFIED）或号码已属另一账号（IDENTITY_IN_USE）',
        ),
        415: 'UnsupportedMediaType',
        422: policeSays,
        429: errorResponse('核验失败次数过多（IDENTITY_ATTEMPTS_EXCEEDED）或请求过于频繁'),
        503: 'Unavailable',
      },
      handler: async (ctx, { body: { name, idNumber } }) => {
        ctx.body = identityView(await authority.identities.verify(ctx.state.accountId, name, idNumber));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/units',
      operationId: 'listMyUnits',
      summary: '我的单位：当前可以代表办理的单位及依据',
      tags,
      auth,
      responses: { 200: { description: '单位列表', schema: itemsOf(unitAuthoritySchema) } },
      handler: async (ctx) => {
        ctx.body = { items: await authority.myUnits(ctx.state.accountId) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/units',
      operationId: 'claimUnit',
      summary: '添加单位：本人是市场监管登记的法定代表人时，即可代表该单位办理',
      tags,
      auth,
      body: claimBody,
      example: { uscc: '91361100MA00000000' },
      responses: {
        201: { description: '已添加', schema: unitAuthoritySchema },
        400: 'BadRequest',
        403: needsAuthority,
        404: unitNotRegistered,
        409: 'Conflict',
        415: 'UnsupportedMediaType',
        503: 'Unavailable',
      },
      handler: async (ctx, { body: { uscc } }) => {
        ctx.status = 201;
        ctx.body = await authority.claimAsLegalRepresentative(ctx.state.accountId, uscc);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/units/:uscc/operators',
      operationId: 'listOperators',
      summary: '单位的经办人授权，含已结束的（仅法定代表人）',
      tags,
      auth,
      params: usccParam,
      responses: {
        200: { description: '授权列表', schema: itemsOf(operatorSchema) },
        400: 'BadRequest',
        403: needsAuthority,
        404: notManaged,
      },
      handler: async (ctx, { params: { uscc } }) => {
        ctx.body = { items: await authority.operators(ctx.state.accountId, uscc) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/units/:uscc/operators',
      operationId: 'inviteOperator',
      summary: '授权经办人：法定代表人指定姓名、身份证号码、手机号和截止日期，对方接受后生效',
      tags,
      auth,
      params: usccParam,
      body: grantBody,
      example: EXAMPLE_GRANT,
      responses: {
        201: { description: '已发出授权邀请', schema: operatorSchema },
        400: 'BadRequest',
        403: needsAuthority,
        404: notManaged,
        409: exists,
        415: 'UnsupportedMediaType',
        422: policeSays,
        429: 'TooManyRequests',
        503: 'Unavailable',
      },
      handler: async (ctx, { params: { uscc }, body }) => {
        ctx.status = 201;
        ctx.body = await authority.invite(ctx.state.accountId, uscc, body);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/units/:uscc/events',
      operationId: 'listAuthorityEvents',
      summary: '授权记录：授权、接受、撤销、到期和用于提交（仅法定代表人，新的在前）',
      tags,
      auth,
      params: usccParam,
      query: pageQuery,
      responses: {
        200: { description: '记录', schema: pageOf(eventSchema) },
        400: 'BadRequest',
        403: needsAuthority,
        404: notManaged,
      },
      handler: async (ctx, { params: { uscc }, query: { page, pageSize } }) => {
        ctx.body = await authority.events(ctx.state.accountId, uscc, page, pageSize);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/invitations',
      operationId: 'listInvitations',
      summary: '待接受的授权：发给本人（按实名核验的身份）的授权邀请',
      tags,
      auth,
      responses: { 200: { description: '邀请列表', schema: itemsOf(invitationSchema) } },
      handler: async (ctx) => {
        ctx.body = { items: await authority.invitations(ctx.state.accountId) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/invitations/:id/accept',
      operationId: 'acceptInvitation',
      summary: '接受授权邀请（只能接受一次；撤销或过期后不能再接受）',
      tags,
      auth,
      params: yup.object({ id: objectIdOf('授权邀请编号') }),
      responses: {
        200: { description: '已生效', schema: unitAuthoritySchema },
        400: 'BadRequest',
        403: needsAuthority,
        404: 'NotFound',
        409: errorResponse('邀请已接受、已撤销或已过期（INVITATION_NOT_PENDING）'),
      },
      handler: async (ctx, { params: { id } }) => {
        ctx.body = await authority.accept(ctx.state.accountId, id);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/authorities/:id/revoke',
      operationId: 'revokeAuthority',
      summary: '撤销授权：被授权人本人或单位法定代表人，下一次提交即生效',
      tags,
      auth,
      params: yup.object({ id: objectIdOf('授权编号') }),
      responses: {
        200: revoked,
        400: 'BadRequest',
        403: needsAuthority,
        404: 'NotFound',
        409: authorityEnded,
      },
      handler: async (ctx, { params: { id } }) => {
        ctx.body = await authority.revoke(ctx.state.accountId, id);
      },
    }),
    // 一窗受理: the clerk has seen the paper authorization signed by the legal representative.
    defineRoute({
      method: 'post',
      path: '/staff/authorities',
      operationId: 'grantPaperAuthority',
      summary: '窗口核验纸质授权书后登记经办人授权（窗口工作人员）',
      tags: ['staff'],
      auth: clerk,
      body: paperGrantBody,
      example: { uscc: '91361100MA00000000', ...EXAMPLE_GRANT, reference: 'SQ-2026-0001' },
      responses: {
        201: { description: '已登记', schema: operatorSchema },
        400: 'BadRequest',
        404: unitNotRegistered,
        409: exists,
        415: 'UnsupportedMediaType',
        422: policeSays,
        503: 'Unavailable',
      },
      handler: async (ctx, { body }) => {
        ctx.status = 201;
        ctx.body = await authority.grantPaper(ctx.state.staff as StaffMember, body);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/staff/authorities/:id/revoke',
      operationId: 'staffRevokeAuthority',
      summary: '窗口撤销一项授权（窗口工作人员）',
      tags: ['staff'],
      auth: clerk,
      params: yup.object({ id: objectIdOf('授权编号') }),
      responses: {
        200: revoked,
        400: 'BadRequest',
        404: 'NotFound',
        409: authorityEnded,
      },
      handler: async (ctx, { params: { id } }) => {
        ctx.body = await authority.staffRevoke(ctx.state.staff as StaffMember, id);
      },
    }),
  ];
}
