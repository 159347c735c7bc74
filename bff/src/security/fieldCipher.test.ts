import { randomBytes } from 'node:crypto';
import { createFieldCipher, DecryptionError } from './fieldCipher';

const cipher = createFieldCipher(randomBytes(32));

it('round-trips any JSON value and never shows the plaintext', () => {
  const value = { idNumber: '36110219900307201X', phone: '13912345678', nested: [1, '张三'] };
  const sealed = cipher.encrypt(value);
  expect(sealed).toMatch(/^v1:/);
  expect(sealed).not.toContain('3611021990');
  expect(cipher.decrypt(sealed)).toEqual(value);
  expect(cipher.encrypt(value)).not.toBe(sealed); // a fresh IV each time
});

it('refuses tampered data and data sealed with another key', () => {
  const sealed = cipher.encrypt('秘密');
  const raw = Buffer.from(sealed.slice(3), 'base64');
  raw[raw.length - 1] ^= 1;
  expect(() => cipher.decrypt(`v1:${raw.toString('base64')}`)).toThrow(DecryptionError);
  expect(() => createFieldCipher(randomBytes(32)).decrypt(sealed)).toThrow(DecryptionError);
});
