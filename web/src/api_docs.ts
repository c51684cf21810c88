// The API reference at /api/docs: Swagger UI (npm swagger-ui-dist, bundled here so that it
// works offline and under the site's Content-Security-Policy: no inline script, no outside
// URL) rendering the description the server serves, GET /api/v1/openapi.json. "Try it out"
// sends requests as the signed-in person: the session cookie goes along, and writes carry
// the CSRF token of GET /api/v1/auth/session, like the web client's.
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

SwaggerUIBundle({
  url: '/api/v1/openapi.json',
  dom_id: '#api-docs',
  deepLinking: true,
  docExpansion: 'list',
  defaultModelsExpandDepth: 0,
  displayOperationId: true,
  filter: true,
  validatorUrl: null,  // never ask an outside validator about the description
  tryItOutEnabled: false,
  requestInterceptor: async (req: SwaggerRequest) => {
    const method = (req.method ?? 'GET').toUpperCase();
    if (method !== 'GET' && method !== 'HEAD' && !req.headers.Authorization) req.headers['X-CSRF-Token'] = await csrfToken();
    return req;
  },
});
