// The API reference at /api/docs: Swagger UI (npm swagger-ui-dist, bundled here so that it
// works offline and under the site's Content-Security-Policy: no inline script, no outside
// URL) rendering the description the server serves, GET /api/v1/openapi.json. "Try it out"
// sends requests as the signed-in person: the session cookie goes along, and writes carry
// the CSRF token of GET /api/v1/auth/session, like the web client's.
//
// swagger-ui-dist is pinned to 5.32.15: 5.33.0 to 5.35.0 render only the first five
// operations of a description with more than about 135 of them, and nothing else (no error
// on the console). Found when the blogs' routes brought ours to 143; before moving it up,
// run tests/e2e/api_docs.test.mjs, which counts every operation.
import SwaggerUIBundle from 'swagger-ui-dist/swagger-ui-bundle.js';
import 'swagger-ui-dist/swagger-ui.css';
import './api_docs.css';

let csrf: Promise<string> | null = null;
function csrfToken(): Promise<string> {
  csrf ??= fetch('/api/v1/auth/session', { credentials: 'same-origin' })
    .then((r) => r.json())
    .then((s: { csrf_token?: string }) => s.csrf_token ?? '')
    .catch(() => '');
  return csrf;
}

interface SwaggerRequest {
  method?: string;
  headers: Record<string, string>;
}

// Swagger UI's markup, mended for assistive technology as it renders (and re-renders as
// operations open): its title is an h1 but tags are h3 and their parts h4/h5, so each level is
// told one less; the parts outside its <main> (title, authorization, filter) become landmarks.
function mendMarkup(root: HTMLElement) {
  for (const h of root.querySelectorAll<HTMLElement>('h3, h4, h5, h6')) {
    if (!h.hasAttribute('aria-level')) h.setAttribute('aria-level', String(Number(h.tagName[1]) - 1));
  }
  const landmark = (selector: string, role: string, label?: string) => {
    const el = root.querySelector<HTMLElement>(selector);
    if (el && !el.hasAttribute('role')) {
      el.setAttribute('role', role);
      if (label) el.setAttribute('aria-label', label);
    }
  };
  landmark('.information-container', 'banner');
  landmark('.scheme-container', 'region', 'Authorization');
  landmark('.filter-container', 'search');
}
const root = document.getElementById('api-docs')!;
new MutationObserver(() => mendMarkup(root)).observe(root, { childList: true, subtree: true });

SwaggerUIBundle({
  url: '/api/v1/openapi.json',
  dom_id: '#api-docs',
  // Without deep links the path in each operation's summary is text, not a link inside the
  // summary's button (a nested control that screen readers cannot reach: swagger-ui#9570).
  deepLinking: false,
  docExpansion: 'list',
  defaultModelsExpandDepth: 0,
  displayOperationId: true,
  filter: true,
  validatorUrl: null,  // never ask an outside validator about the description
  tryItOutEnabled: false,
  // Plain code blocks: the highlighter's themes put some tokens below AA contrast.
  syntaxHighlight: { activated: false },
  requestInterceptor: async (req: SwaggerRequest) => {
    const method = (req.method ?? 'GET').toUpperCase();
    if (method !== 'GET' && method !== 'HEAD' && !req.headers.Authorization) req.headers['X-CSRF-Token'] = await csrfToken();
    return req;
  },
});
