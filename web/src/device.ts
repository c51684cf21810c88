// "Chrome 156 on Linux" instead of a browser's whole user-agent string (the sessions list),
// read by bowser (npm), which knows the browsers and systems people use.
import Bowser from 'bowser';

export function deviceName(userAgent: string): string {
  if (!userAgent) return 'Unknown device';
  const parsed = Bowser.parse(userAgent);
  const browser = parsed.browser.name ? `${parsed.browser.name}${parsed.browser.version ? ` ${parsed.browser.version.split('.')[0]}` : ''}` : '';
  const os = parsed.os.name ?? '';
  if (browser && os) return `${browser} on ${os}`;
  // A script or a tool: its own first word ("curl/8.5.0").
  return browser || os || userAgent.split(/\s/)[0].slice(0, 40);
}
