import { describe, expect, it } from 'vitest';
import { webhookSettingsSchema } from '../../lib/webhooks/schemas';

describe('the webhook URL', () => {
  it.each([
    ['https://hooks.example.com/steward', 'https://hooks.example.com/steward'],
    ['  https://hooks.example.com/steward?team=iam  ', 'https://hooks.example.com/steward?team=iam'],
    ['HTTPS://Hooks.Example.com', 'https://hooks.example.com/'],
    ['http://127.0.0.1:8080/hook', 'http://127.0.0.1:8080/hook'],
    ['http://localhost:3001/hook', 'http://localhost:3001/hook'],
    ['http://[::1]:3001/hook', 'http://[::1]:3001/hook'],
    ['', null],
  ])('accepts %j as %j', (url, expected) => {
    expect(webhookSettingsSchema.parse({ url })).toEqual({ url: expected, rotateSecret: false });
  });

  it.each([
    ['plain http to another host', 'http://hooks.example.com/steward'],
    ['plain http to a private address', 'http://10.0.0.5/steward'],
    ['http to a name that merely starts like loopback', 'http://127.0.0.1.example.com/steward'],
    ['another scheme', 'ftp://127.0.0.1/steward'],
    ['javascript', 'javascript:alert(1)'],
    ['credentials in the URL', 'https://user:secret@hooks.example.com/steward'],
    ['not a URL', 'hooks.example.com/steward'],
    ['a very long URL', `https://hooks.example.com/${'a'.repeat(2100)}`],
  ])('refuses %s', (_name, url) => {
    const result = webhookSettingsSchema.safeParse({ url });
    expect(result.success).toBe(false);
  });

  it('reads the rotation checkbox as a form sends it', () => {
    expect(webhookSettingsSchema.parse({ url: '', rotateSecret: 'on' }).rotateSecret).toBe(true);
    expect(webhookSettingsSchema.parse({ url: '', rotateSecret: true }).rotateSecret).toBe(true);
    expect(webhookSettingsSchema.parse({ url: '' }).rotateSecret).toBe(false);
  });
});
