import { describe, expect, test } from 'vitest';
import { deviceName } from './device';

describe('device names', () => {
  test('a browser and its system in words', () => {
    expect(deviceName('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36'))
      .toBe('Chrome 156 on Linux');
    expect(deviceName('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0')).toBe('Firefox 128 on Windows');
    expect(deviceName('Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1'))
      .toBe('Safari 17 on iOS');
    expect(deviceName('curl/8.5.0 (x86_64-pc-linux-gnu)')).toBe('curl 8 on Linux');
    expect(deviceName('agora-sync-bot')).toBe('agora-sync-bot');
    expect(deviceName('')).toBe('Unknown device');
  });
});
